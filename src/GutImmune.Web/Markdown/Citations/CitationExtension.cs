using Markdig;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;

namespace GutImmune.Web.Markdown.Citations;

/// <summary>Registers the citation marker parser (ahead of the link parser, which also opens on "[") and its renderer.</summary>
public sealed class CitationExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<CitationInlineParser>())
            pipeline.InlineParsers.InsertBefore<LinkInlineParser>(new CitationInlineParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<CitationHtmlRenderer>())
            html.ObjectRenderers.Insert(0, new CitationHtmlRenderer());
    }
}
