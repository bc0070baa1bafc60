using GutImmune.Web.Media;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax.Inlines;

namespace GutImmune.Web.Markdown;

/// <summary>A library image resolved from `![alt](media:ID)` (<see cref="ContentMarkdown"/> puts it in place of the image link).</summary>
public sealed class MediaPictureInline(MediaPicture picture) : LeafInline
{
    public MediaPicture Picture { get; } = picture;
}

/// <summary>Renders <see cref="MediaPictureInline"/> as the site's one picture markup.</summary>
public sealed class MediaPictureExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<Renderer>())
            html.ObjectRenderers.Insert(0, new Renderer());
    }

    private sealed class Renderer : HtmlObjectRenderer<MediaPictureInline>
    {
        protected override void Write(HtmlRenderer renderer, MediaPictureInline inline)
        {
            if (renderer.EnableHtmlForInline)
                renderer.Write(PictureMarkup.Html(inline.Picture));
            else
                renderer.WriteEscape(inline.Picture.Alt);
        }
    }
}
