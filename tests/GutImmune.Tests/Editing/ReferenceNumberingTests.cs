using GutImmune.Web.Content;
using GutImmune.Web.Editing;

namespace GutImmune.Tests.Editing;

/// <summary>Following the references of an editor's version through later versions, which carry no ids.</summary>
public class ReferenceNumberingTests
{
    private static Article With(params (int Number, string Title)[] references) => new()
    {
        Slug = "a", Title = "A", Summary = "", AuthorName = "",
        Citations = [.. references.Select(r => new Citation { Number = r.Number, Title = r.Title, AuthorNames = ["Author A"] })],
    };

    [Fact]
    public void A_reference_edited_and_renumbered_in_one_save_is_followed_as_the_only_one_each_side_left()
    {
        var started = With((1, "One"), (2, "Two"));
        var numbering = ReferenceNumbering.Follow(started, [(2, With((1, "Two"), (2, "One, corrected")))]);

        Assert.Equal("See [2] and [1].", numbering.Renumber("See [1] and [2]."));
        Assert.Empty(numbering.LostCitedIn("[1, 2]"));
    }

    [Fact]
    public void A_reference_removed_since_is_lost_as_removed_and_the_later_ones_follow_their_new_numbers()
    {
        var numbering = ReferenceNumbering.Follow(With((1, "One"), (2, "Two"), (3, "Three")), [(2, With((1, "One"), (2, "Three")))]);

        Assert.Equal("[2]", numbering.Renumber("[3]"));
        var (marker, lost) = Assert.Single(numbering.LostCitedIn("Cited [2]."));
        Assert.Equal(("[2]", 2, "Two", 2, true), (marker, lost.Number, lost.Title, lost.Version, lost.Removed));
    }

    [Fact]
    public void A_reference_replaced_by_another_in_one_save_is_not_guessed_to_be_either()
    {
        var numbering = ReferenceNumbering.Follow(With((1, "One"), (2, "Two")), [(3, With((1, "Two"), (2, "New"), (3, "Newer")))]);

        var (_, lost) = Assert.Single(numbering.LostCitedIn("[1]"));
        Assert.False(lost.Removed);
        Assert.Equal("[1]", numbering.Renumber("[2]"));
    }

    [Fact]
    public void Nothing_moved_when_every_reference_keeps_its_number()
    {
        var numbering = ReferenceNumbering.Follow(With((1, "One")), [(2, With((1, "One"))), (3, With((1, "One, corrected")))]);

        Assert.True(numbering.Unchanged);
    }

    private static Article WithIds(params (int Number, int Id, string Title)[] references)
    {
        var article = With([.. references.Select(r => (r.Number, r.Title))]);
        foreach (var (citation, id) in article.Citations.Zip(references.Select(r => r.Id)))
            citation.Id = id;
        return article;
    }

    [Fact]
    public void A_reference_is_followed_by_its_id_past_an_identical_copy_inserted_before_it()
    {
        var numbering = ReferenceNumbering.Follow(WithIds((1, 10, "One"), (2, 11, "Two")), [(2, WithIds((1, 12, "One"), (2, 10, "One"), (3, 11, "Two")))]);

        Assert.Equal("[2] and [3]", numbering.Renumber("[1] and [2]"));
        Assert.Empty(numbering.LostCitedIn("[1, 2]"));
    }

    [Fact]
    public void A_reference_whose_id_is_gone_is_lost_as_removed_even_when_others_were_added()
    {
        var numbering = ReferenceNumbering.Follow(WithIds((1, 10, "One"), (2, 11, "Two")), [(2, WithIds((1, 11, "Two"), (2, 12, "New")))]);

        var (_, lost) = Assert.Single(numbering.LostCitedIn("[1]"));
        Assert.True(lost.Removed);
        Assert.Equal("[1]", numbering.Renumber("[2]"));
    }
}
