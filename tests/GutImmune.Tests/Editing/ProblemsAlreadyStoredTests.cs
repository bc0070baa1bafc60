using GutImmune.Web.Content;
using GutImmune.Web.Editing;

namespace GutImmune.Tests.Editing;

/// <summary>Old problems followed by their parts' ids when parts move between the stored article and the one saved.</summary>
public class ProblemsAlreadyStoredTests
{
    private static Section SectionWith(int id, params (int Id, string Text)[] facts) => new()
    {
        Id = id, Slug = $"s{id}", Heading = $"Section {id}",
        Facts = [.. facts.Select(f => new Fact { Id = f.Id, Text = f.Text })],
        Causes = [.. facts.Select(f => new Cause { Id = f.Id, Title = f.Text, Description = f.Text })],
    };

    private static Article ArticleWith(List<Section> sections, params int[] citationIds) => new()
    {
        Slug = "a", Title = "A", Summary = "", AuthorName = "", Sections = sections,
        Citations = [.. citationIds.Select(id => new Citation { Id = id, Title = $"Reference {id}" })],
    };

    [Fact]
    public void A_fact_or_cause_moved_to_another_section_keeps_its_old_problem()
    {
        var stored = ArticleWith([SectionWith(1, (10, "a")), SectionWith(2, (20, "b"), (21, "c"))]);
        var old = new ProblemsAlreadyStored(stored,
            [new(new ContentPlace.Fact(1, 1), "is required."), new(new ContentPlace.Cause(1, 1, CausePart.Title), "is required.")]);
        var saved = ArticleWith([SectionWith(2, (21, "c")), SectionWith(1, (10, "a"))]);

        var brought = old.BroughtBy(saved, [
            new(new ContentPlace.Fact(0, 0), "is required."),
            new(new ContentPlace.Cause(0, 0, CausePart.Title), "is required."),
            new(new ContentPlace.Fact(1, 0), "is required."),
        ]);

        Assert.Equal([new ContentPlace.Fact(1, 0)], brought.Select(p => p.Place));
    }

    [Fact]
    public void A_reference_renumbered_and_shortened_keeps_its_old_problem_and_another_one_at_its_old_place_is_new()
    {
        var stored = ArticleWith([], 5, 6, 7);
        var old = new ProblemsAlreadyStored(stored, [new(new ContentPlace.Citation(2, CitationPart.Title), "is 2,005 characters long; the limit is 2,000.")]);
        var saved = ArticleWith([], 6, 7);

        var brought = old.BroughtBy(saved, [
            new(new ContentPlace.Citation(1, CitationPart.Title), "is 2,001 characters long; the limit is 2,000."),
            new(new ContentPlace.Citation(0, CitationPart.Title), "is 2,001 characters long; the limit is 2,000."),
        ]);

        Assert.Equal([new ContentPlace.Citation(0, CitationPart.Title)], brought.Select(p => p.Place));
    }

    [Theory]
    [InlineData("is 20,001 characters long; the limit is 20,000.", "is 20,001 characters long; the limit is 20,000.", false)]
    [InlineData("is 20,001 characters long; the limit is 20,000.", "is 20,002 characters long; the limit is 20,000.", true)]
    [InlineData("is 20,001 characters long; the limit is 20,000.", "is 120,000 characters long; the limit is 20,000.", true)]
    [InlineData("is too costly to display: it has 5,001 emphasis marks (*, _, ~) and square brackets; the limit is 5,000 in one text.",
        "is too costly to display: it has 5,000 emphasis marks (*, _, ~) and square brackets; the limit is 5,000 in one text.", false)]
    [InlineData("is too costly to display: it has 5,001 emphasis marks (*, _, ~) and square brackets; the limit is 5,000 in one text.",
        "is too costly to display: it has 6,000 emphasis marks (*, _, ~) and square brackets; the limit is 5,000 in one text.", true)]
    public void A_text_made_longer_or_a_count_made_greater_brings_its_problem_anew(string before, string after, bool brought)
    {
        var stored = ArticleWithSections();
        var old = new ProblemsAlreadyStored(stored, [new(new ContentPlace.Section(0, SectionPart.Body), before)]);

        Assert.Equal(brought, old.BroughtBy(stored, [new(new ContentPlace.Section(0, SectionPart.Body), after)]).Count == 1);
    }

    [Fact]
    public void Another_citation_or_image_number_in_the_same_field_is_a_new_problem()
    {
        var stored = ArticleWithSections();
        var old = new ProblemsAlreadyStored(stored, [new(new ContentPlace.Section(0, SectionPart.Body), "the citation [5] refers to reference 5, which this article does not have.")]);

        var brought = old.BroughtBy(stored, [new(new ContentPlace.Section(0, SectionPart.Body), "the citation [6] refers to reference 6, which this article does not have.")]);

        Assert.Single(brought);
    }

    private static Article ArticleWithSections() => ArticleWith([SectionWith(1)]);

    [Fact]
    public void A_problem_of_a_part_no_longer_there_matches_nothing_and_the_articles_own_fields_keep_their_place()
    {
        var stored = ArticleWith([SectionWith(1), SectionWith(2)]);
        var old = new ProblemsAlreadyStored(stored, [
            new(new ContentPlace.Section(1, SectionPart.Heading), "must show at least one letter, digit or symbol."),
            new(new ContentPlace.ArticleField(ArticlePart.HeroImageAlt), "is required when there is an image, so that every reader gets its meaning."),
        ]);
        var saved = ArticleWith([SectionWith(1), new Section { Slug = "new", Heading = "" }]);

        var brought = old.BroughtBy(saved, [
            new(new ContentPlace.Section(1, SectionPart.Heading), "must show at least one letter, digit or symbol."),
            new(new ContentPlace.ArticleField(ArticlePart.HeroImageAlt), "is required when there is an image, so that every reader gets its meaning."),
        ]);

        Assert.Equal([new ContentPlace.Section(1, SectionPart.Heading)], brought.Select(p => p.Place));
    }
}
