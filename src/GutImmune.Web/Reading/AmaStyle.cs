using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using GutImmune.Web.Content;
using Microsoft.AspNetCore.Html;

namespace GutImmune.Web.Reading;

/// <summary>Formats a reference in AMA (American Medical Association) style, with DOI, PMID and URL as links.</summary>
public static class AmaStyle
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static HtmlString Format(Citation c) => new(Build(c, asHtml: true));

    /// <summary>The same reference as plain text (search index, downloads).</summary>
    public static string FormatText(Citation c) => Build(c, asHtml: false);

    private static string Build(Citation c, bool asHtml)
    {
        var html = new StringBuilder();
        string Encode(string value) => asHtml ? Encoder.Encode(value) : value;
        void Text(string value) => html.Append(Encode(value));
        void Italic(string value) => html.Append(asHtml ? "<i>" : "").Append(Encode(value)).Append(asHtml ? "</i>" : "");
        void Link(string href, string text)
        {
            if (asHtml)
                html.Append("<a href=\"").Append(Encoder.Encode(href)).Append("\">").Append(Encoder.Encode(text)).Append("</a>");
            else
                html.Append(text);
        }

        Text(EndSentence(c.Authors.ToString()));
        html.Append(' ');
        switch (c.Kind)
        {
            case CitationKind.Book:
                Italic(c.Title);
                html.Append(". ");
                if (c.Source is not null)
                    Text(c.Source + (c.Year is null ? ". " : "; "));
                if (c.Year is not null)
                    Text($"{c.Year}. ");
                break;
            case CitationKind.WebPage:
                Text(EndSentence(c.Title) + " ");
                if (c.Source is not null)
                    Text(EndSentence(c.Source) + " ");
                if (c.Year is not null)
                    Text($"Published {Join(c.DateDetail, c.Year.ToString())}. ");
                break;
            default:
                Text(EndSentence(c.Title) + " ");
                if (c.Source is not null)
                {
                    Italic(c.Source);
                    html.Append(". ");
                }
                Text(JournalLocation(c));
                break;
        }

        if (c.Doi is not null)
        {
            html.Append("doi:");
            Link($"https://doi.org/{c.Doi}", c.Doi);
            html.Append(". ");
        }
        if (c.Pmid is not null)
        {
            html.Append("PMID: ");
            Link($"https://pubmed.ncbi.nlm.nih.gov/{c.Pmid}/", c.Pmid);
            html.Append(". ");
        }
        if (c.AccessedOn is { } accessed)
            Text($"Accessed {accessed.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}. ");
        if (c.Url is not null)
            Link(c.Url, c.Url);
        return html.ToString().TrimEnd();
    }

    /// <summary>"2012 Jun 8;336(6086):1262-1267. " — the parts the reference has, AMA punctuation between them.</summary>
    private static string JournalLocation(Citation c)
    {
        var location = new StringBuilder();
        if (c.Year is not null)
            location.Append(Join(c.Year.ToString(), c.DateDetail));
        if (c.Volume is not null || c.Issue is not null)
        {
            location.Append(';').Append(c.Volume);
            if (c.Issue is not null)
                location.Append('(').Append(c.Issue).Append(')');
        }
        if (c.Pages is not null)
            location.Append(':').Append(c.Pages);
        return location.Length == 0 ? "" : location.Append(". ").ToString();
    }

    private static string Join(string? first, string? second) => string.Join(' ', new[] { first, second }.Where(p => p is not null));

    private static string EndSentence(string text) =>
        text.EndsWith('.') || text.EndsWith('?') || text.EndsWith('!') ? text : text + ".";
}
