using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Auditing;
using GutImmune.Web.Content;
using GutImmune.Web.Editing;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>Facts of fact-list sections.</summary>
[Route("admin/articles/{articleId:int}/facts")]
public class FactsController(ArticleEditor editor, MarkdownPreview preview, RevisionHistory history, AuditLog audit)
    : SectionItemsController<Fact, FactForm>(editor, preview, history, audit)
{
    protected override SectionKind Kind => SectionKind.FactList;
    protected override string Noun => "fact";

    protected override FormField? FieldFor(ContentPlace place, int section, int index) =>
        place == new ContentPlace.Fact(section, index) ? FactForm.TextField : null;

    protected override List<Fact> ItemsOf(Section section) => section.Facts;
    protected override int IdOf(Fact item) => item.Id;
    protected override Fact NewItem(FactForm form) => new() { Text = form.Text.Trim() };
    protected override void Apply(FactForm form, Fact item) => item.Text = form.Text.Trim();
    protected override FactForm FormFor(Fact item) => new() { Text = item.Text };
    protected override string? Label(Fact item) => null;
    protected override string PreviewMarkdown(FactForm form) => form.Text;
}
