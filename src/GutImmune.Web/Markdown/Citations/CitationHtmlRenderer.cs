using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace GutImmune.Web.Markdown.Citations;

/// <summary>Renders a marker as superscript links to the reference list, AMA style: <c>3,5</c> or <c>6–8</c>.</summary>
public sealed class CitationHtmlRenderer : HtmlObjectRenderer<CitationInline>
{
    protected override void Write(HtmlRenderer renderer, CitationInline citation)
    {
        if (!citation.IsResolved)
        {
            renderer.WriteEscape(citation.MarkerText);
            return;
        }

        renderer.Write("<sup class=\"citation\"");
        if (citation.AnchorId is not null)
            renderer.Write(" id=\"").Write(citation.AnchorId).Write('"');
        renderer.Write('>');
        for (var i = 0; i < citation.Ranges.Count; i++)
        {
            if (i > 0)
                renderer.Write(',');
            var range = citation.Ranges[i];
            WriteLink(renderer, range.First);
            if (!range.IsSingle)
            {
                renderer.Write('–');
                WriteLink(renderer, range.Last);
            }
        }
        renderer.Write("</sup>");
    }

    private static void WriteLink(HtmlRenderer renderer, int number) =>
        renderer.Write($"<a href=\"#{ReferenceAnchor.For(number)}\" aria-label=\"Reference {number}\">{number}</a>");
}

/// <summary>The one place that names the anchors of the reference list.</summary>
public static class ReferenceAnchor
{
    public static string For(int number) => $"ref-{number}";
}
