using GutImmune.Web.Areas.Admin.Models;
using GutImmune.Web.Auditing;
using GutImmune.Web.Content;
using GutImmune.Web.Editing;
using Microsoft.AspNetCore.Mvc;

namespace GutImmune.Web.Areas.Admin.Controllers;

/// <summary>Causes of cause-list sections.</summary>
[Route("admin/articles/{articleId:int}/causes")]
public class CausesController(ArticleEditor editor, MarkdownPreview preview, RevisionHistory history, AuditLog audit)
    : SectionItemsController<Cause, CauseForm>(editor, preview, history, audit)
{
    protected override SectionKind Kind => SectionKind.CauseList;
    protected override string Noun => "cause";

    protected override FormField? FieldFor(ContentPlace place, int section, int index) =>
        place is ContentPlace.Cause { Field: { } part } cause && (cause.SectionIndex, cause.Index) == (section, index) ? CauseForm.FieldFor(part) : null;

    protected override List<Cause> ItemsOf(Section section) => section.Causes;
    protected override int IdOf(Cause item) => item.Id;
    protected override Cause NewItem(CauseForm form) => new() { Title = form.Title.Trim(), Description = form.Description.Trim() };

    protected override void Apply(CauseForm form, Cause item)
    {
        item.Title = form.Title.Trim();
        item.Description = form.Description.Trim();
    }

    protected override CauseForm FormFor(Cause item) => new() { Title = item.Title, Description = item.Description };
    protected override string? Label(Cause item) => $"“{item.Title}”";
    protected override string PreviewMarkdown(CauseForm form) => form.Description;
    protected override string TypedText(CauseForm form) => $"{form.Title}\n\n{form.Description}";
}
