using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing.Patterns;

namespace GutImmune.Web.Security;

/// <summary>
/// An action parameter named in its route (`articleId`, `sectionId`, `slug`) binds from the route only. MVC otherwise
/// reads a posted form before the route, so a form field `SectionId=21` sent to `/sections/424242/delete` deleted
/// section 21: the address would no longer say which item a request changes, and a check made on the address (the item
/// exists in this article) would not be the one the action used.
/// </summary>
public sealed class RouteValuesFromTheRouteOnly : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        var routeNames = RouteParameterNames(action);
        foreach (var parameter in action.Parameters)
        {
            if (parameter.BindingInfo?.BindingSource is not null || !routeNames.Contains(parameter.ParameterName))
                continue;
            parameter.BindingInfo ??= new BindingInfo();
            parameter.BindingInfo.BindingSource = BindingSource.Path;
        }
    }

    private static HashSet<string> RouteParameterNames(ActionModel action)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var controllerRoutes = action.Controller.Selectors.Select(s => s.AttributeRouteModel).DefaultIfEmpty(null);
        foreach (var actionRoute in action.Selectors.Select(s => s.AttributeRouteModel))
        foreach (var controllerRoute in controllerRoutes)
        {
            if (AttributeRouteModel.CombineAttributeRouteModel(controllerRoute, actionRoute)?.Template is not { } template)
                continue;
            foreach (var parameter in RoutePatternFactory.Parse(template.TrimStart('~')).Parameters)
                names.Add(parameter.Name);
        }
        return names;
    }
}
