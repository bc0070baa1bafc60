using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.WebUtilities;

namespace GutImmune.Web.Controllers;

/// <summary>
/// A reader page whose address gives a query key its action reads more than once (`/search?q=a&amp;q=b`,
/// `/?page=1&amp;page=2`) answers 400 with a page saying so and linking to the address with that key's first value only:
/// the model binder and the output cache's key (which joins the values) need not agree on which one was meant. The
/// output cache stores only 200s, so such addresses add no entries.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneValuePerQueryKeyAttribute : ActionFilterAttribute
{
    public const string ViewName = "QueryKeyRepeated";

    /// <summary>What to change, in the words the content API uses too.</summary>
    public static string Message(string key, int times) => $"Given {(times == 2 ? "twice" : $"{times} times")}: send {key} once.";

    public override void OnActionExecuting(ActionExecutingContext context)
    {
        var query = context.HttpContext.Request.Query;
        foreach (var parameter in context.ActionDescriptor.Parameters.Where(p => p.BindingInfo?.BindingSource == BindingSource.Query))
        {
            var key = parameter.BindingInfo!.BinderModelName ?? parameter.Name;
            if (query[key].Count is > 1 and var times && context.Controller is Controller controller)
            {
                var view = controller.View(ViewName, new QueryKeyRepeated(key, Message(key, times), WithFirstValueOnly(context.HttpContext.Request, key)));
                view.StatusCode = StatusCodes.Status400BadRequest;
                context.Result = view;
                return;
            }
        }
    }

    /// <summary>The request's address with only the first value of <paramref name="key"/>, the rest of its query as it was.</summary>
    private static string WithFirstValueOnly(HttpRequest request, string key)
    {
        var kept = new List<KeyValuePair<string, string?>>();
        var seen = false;
        foreach (var pair in new QueryStringEnumerable(request.QueryString.Value))
        {
            var name = pair.DecodeName().ToString();
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                if (seen)
                    continue;
                seen = true;
            }
            kept.Add(new(name, pair.DecodeValue().ToString()));
        }
        return $"{request.PathBase}{request.Path}{QueryString.Create(kept)}";
    }
}

/// <summary>The page of an address that gives the query key <paramref name="Key"/> more than once.</summary>
/// <param name="OneValueUrl">The same address with the key's first value only.</param>
public sealed record QueryKeyRepeated(string Key, string Message, string OneValueUrl);
