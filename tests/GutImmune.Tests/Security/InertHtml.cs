using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace GutImmune.Tests.Security;

/// <summary>
/// Checks that a page served by the site can run no script it did not write itself: no script elements other than
/// the site's own files and its JSON-LD, no event-handler attributes, no script-bearing URLs, no elements that embed
/// other documents or styles. The site's own markup uses none of these, so anything found came from content.
/// </summary>
public static class InertHtml
{
    private static readonly string[] UrlAttributes =
        ["href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data", "background", "cite", "ping", "lowsrc", "dynsrc"];

    private static readonly string[] ScriptSchemes = ["javascript:", "vbscript:", "livescript:", "data:"];

    private const string ForbiddenElements = "iframe, frame, frameset, object, embed, applet, base, svg, math, style, template, meta[http-equiv], link[rel=import]";

    /// <summary>Every way <paramref name="html"/> could run injected script, one line each; empty when it cannot.</summary>
    public static IReadOnlyList<string> Problems(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var problems = new List<string>();

        foreach (var script in document.QuerySelectorAll("script"))
        {
            var src = script.GetAttribute("src");
            if (script.GetAttribute("type") == "application/ld+json" && src is null)
            {
                if (!IsJson(script.TextContent))
                    problems.Add($"JSON-LD that is not JSON (was it broken out of?): {Cut(script.TextContent)}");
            }
            else if (src is null || !src.StartsWith('/') || src.StartsWith("//") || script.TextContent.Trim().Length > 0)
            {
                problems.Add($"script element: {Cut(script.OuterHtml)}");
            }
        }

        foreach (var element in document.QuerySelectorAll(ForbiddenElements))
            problems.Add($"<{element.LocalName}> element: {Cut(element.OuterHtml)}");

        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes)
            {
                var name = attribute.Name.ToLowerInvariant();
                if (name.StartsWith("on"))
                    problems.Add($"event handler {attribute.Name} on <{element.LocalName}>: {Cut(element.OuterHtml)}");
                else if (name is "srcdoc" or "style")
                    problems.Add($"{attribute.Name} attribute on <{element.LocalName}>: {Cut(element.OuterHtml)}");
                else if (UrlAttributes.Contains(name) && HasScriptScheme(attribute.Value))
                    problems.Add($"{attribute.Name}=\"{Cut(attribute.Value)}\" on <{element.LocalName}>");
            }
        }
        return problems;
    }

    /// <summary>Fails with every problem of the page, naming the page.</summary>
    public static void Assert(string html, string page)
    {
        var problems = Problems(html);
        Xunit.Assert.True(problems.Count == 0, $"{page} is not inert:\n  {string.Join("\n  ", problems)}");
    }

    /// <summary>
    /// Browsers drop whitespace and control characters inside a scheme and match it case-insensitively; a srcset holds
    /// several URLs, so a scheme after a comma counts too.
    /// </summary>
    private static bool HasScriptScheme(string value)
    {
        var compact = new string(value.Where(c => c > ' ').ToArray()).ToLowerInvariant();
        return ScriptSchemes.Any(s => compact.StartsWith(s) || compact.Contains("," + s));
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Cut(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
