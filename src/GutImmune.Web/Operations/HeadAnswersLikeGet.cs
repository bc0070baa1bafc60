using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace GutImmune.Web.Operations;

/// <summary>
/// Every reader action that answers GET answers HEAD too (RFC 9110: HEAD is GET without the body, and monitors and
/// link checkers use it). MVC's [HttpGet] allows GET only; Kestrel drops the body of a HEAD response and keeps its
/// headers. The admin area (an area of its own) is left as it is: its pages are for staff in a browser.
/// </summary>
public sealed class HeadAnswersLikeGet : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        if (action.Controller.RouteValues.ContainsKey("area"))
            return;
        foreach (var selector in action.Selectors)
        {
            var constraint = selector.ActionConstraints.OfType<HttpMethodActionConstraint>().SingleOrDefault();
            if (constraint is null || !constraint.HttpMethods.Contains(HttpMethods.Get) || constraint.HttpMethods.Contains(HttpMethods.Head))
                continue;
            string[] methods = [.. constraint.HttpMethods, HttpMethods.Head];
            // Endpoint routing matches on the metadata, MVC's own selection on the constraint: both must say HEAD.
            selector.ActionConstraints.Remove(constraint);
            selector.ActionConstraints.Add(new HttpMethodActionConstraint(methods));
            foreach (var metadata in selector.EndpointMetadata.OfType<HttpMethodMetadata>().ToList())
                selector.EndpointMetadata.Remove(metadata);
            selector.EndpointMetadata.Add(new HttpMethodMetadata(methods));
        }
    }
}
