using GutImmune.Web.ContentChecks;

namespace GutImmune.Tests.ContentChecks;

/// <summary>The counts behind the reading grades, against samples counted by hand.</summary>
public class TextStatisticsTests
{
    [Theory]
    [InlineData("gut", 1)]
    [InlineData("the", 1)]
    [InlineData("immune", 2)]
    [InlineData("system", 2)]
    [InlineData("bacteria", 4)]
    [InlineData("microbiome", 4)]
    [InlineData("intestinal", 4)]
    [InlineData("inflammation", 4)]
    [InlineData("antibodies", 4)]
    [InlineData("lymphocytes", 3)]
    [InlineData("allergies", 3)]
    [InlineData("digestion", 3)]
    [InlineData("nutrition", 3)]
    [InlineData("special", 2)]
    [InlineData("cause", 1)]
    [InlineData("causes", 2)]
    [InlineData("makes", 1)]
    [InlineData("changed", 1)]
    [InlineData("needed", 2)]
    [InlineData("related", 3)]
    [InlineData("little", 2)]
    [InlineData("whole", 1)]
    [InlineData("free", 1)]
    [InlineData("gradual", 3)]
    [InlineData("various", 3)]
    [InlineData("infectious", 3)]
    [InlineData("diet", 2)]
    [InlineData("organism", 4)]
    [InlineData("yellow", 2)]
    [InlineData("body", 2)]
    [InlineData("protects", 2)]
    [InlineData("DNA", 3)]
    [InlineData("gut-immune", 3)]
    [InlineData("2019", 1)]
    [InlineData("70%", 1)]
    [InlineData("actively", 3)]
    [InlineData("trillion", 2)]
    [InlineData("gastrointestinal", 6)]
    [InlineData("national", 3)]
    // Words in capitals: a known acronym or a short word with no vowel is spelled out; other words are read as words.
    [InlineData("GALT", 4)]
    [InlineData("IBS", 3)]
    [InlineData("NHS", 3)]
    [InlineData("U.K.", 2)]
    [InlineData("TAKE", 1)]
    [InlineData("THIS", 1)]
    [InlineData("DRUG", 1)]
    [InlineData("WITH", 1)]
    [InlineData("ALCOHOL", 3)]
    // A web address is one word of one syllable, like a figure.
    [InlineData("https://www.nhs.uk/conditions/irritable-bowel-syndrome-ibs/", 1)]
    [InlineData("www.gastrointestinal.example", 1)]
    public void Syllables_are_counted_as_spoken(string word, int syllables) => Assert.Equal(syllables, Syllables.Of(word));

    [Fact]
    public void Abbreviations_do_not_end_a_sentence()
    {
        var s = TextStatistics.Of("The gut holds most immune cells, e.g. lymphocytes. Dr. Smith agrees.");

        Assert.Equal(11, s.Words);
        Assert.Equal(2, s.Sentences);
        Assert.Equal(["The gut holds most immune cells, e.g. lymphocytes.", "Dr. Smith agrees."], s.SentenceTexts);
    }

    [Fact]
    public void Et_al_ends_a_sentence_only_before_a_capital()
    {
        Assert.Equal(1, TextStatistics.Of("Vighi G, et al. studied allergy.").Sentences);
        Assert.Equal(2, TextStatistics.Of("This was shown by Vighi G, et al. Their study was small.").Sentences);
        Assert.Equal(6, TextStatistics.Of("Vighi G, et al. studied allergy.").Words);
    }

    [Fact]
    public void Numbers_are_one_word_each()
    {
        var s = TextStatistics.Of("About 70% of immune cells live in the gut. In 2019, 1,000 people took part in a 3.5 year study.");

        Assert.Equal(20, s.Words);
        Assert.Equal(2, s.Sentences);
    }

    [Fact]
    public void Citation_markers_and_markdown_syntax_are_not_words()
    {
        var paragraphs = MarkdownBlocks.Paragraphs("Gut bacteria train the immune system [3]. They also make **vitamins** [1,2].\n\nSee [the NHS page](https://www.nhs.uk) and `code`.");
        var s = Readability.OfMarkdown(["Gut bacteria train the immune system [3]. They also make **vitamins** [1,2].\n\nSee [the NHS page](https://www.nhs.uk) and `code`."]);

        Assert.Equal(["Gut bacteria train the immune system. They also make vitamins.", "See the NHS page and code."], paragraphs.Select(p => p.Text));
        Assert.Equal([3, 1, 2], paragraphs[0].Cited);
        Assert.Equal(16, s.Words);
        Assert.Equal(3, s.Sentences);
    }

    [Fact]
    public void Each_list_item_is_a_sentence_of_its_own()
    {
        var s = Readability.OfMarkdown(["Three habits help:\n\n- Eat fibre\n- Sleep well\n- Move every day"]);

        Assert.Equal(10, s.Words);
        Assert.Equal(4, s.Sentences);
    }

    [Fact]
    public void Flesch_Kincaid_and_SMOG_follow_their_formulas()
    {
        // The1 immune2 system2 protects2 the1 body2: 6 words, 10 syllables, no word of 3 or more.
        var s = TextStatistics.Of("The immune system protects the body.");
        Assert.Equal((6, 1, 10, 0), (s.Words, s.Sentences, s.Syllables, s.PolysyllabicWords));
        Assert.Equal(0.39 * 6 + 11.8 * 10 / 6 - 15.59, ReadingGrade.FleschKincaid(s)!.Value, 6);
        Assert.Equal(3.1291, ReadingGrade.Smog(s)!.Value, 4);

        // in1 flam1 ma1 tion1 = 4, in1 tes1 ti1 nal1 = 4, bac1 te1 ri1 a1 = 4: three words of 3+ syllables in one sentence.
        var hard = TextStatistics.Of("Inflammation harms intestinal bacteria.");
        Assert.Equal(3, hard.PolysyllabicWords);
        Assert.Equal(1.0430 * Math.Sqrt(3 * 30.0) + 3.1291, ReadingGrade.Smog(hard)!.Value, 6);
        Assert.Equal(["Inflammation", "intestinal", "bacteria"], hard.LongWords);
    }

    [Fact]
    public void A_warning_in_capitals_is_read_as_words_not_spelled_out()
    {
        // WAR1 NING1 DO1 NOT1 TAKE1 THIS1 DRUG1 WITH1 AL1 CO1 HOL1: 8 words, 11 syllables.
        var s = TextStatistics.Of("WARNING: DO NOT TAKE THIS DRUG WITH ALCOHOL.");

        Assert.Equal((8, 1, 11), (s.Words, s.Sentences, s.Syllables));
        Assert.Empty(s.LongWords);
        Assert.Equal(0.39 * 8 + 11.8 * 11 / 8 - 15.59, ReadingGrade.FleschKincaid(s)!.Value, 6);
    }

    [Fact]
    public void Dotted_abbreviations_and_initials_do_not_end_a_sentence()
    {
        var s = TextStatistics.Of("The U.K. and the U.S. agree. Yes.");

        Assert.Equal(["The U.K. and the U.S. agree.", "Yes."], s.SentenceTexts);
        Assert.Equal(2, TextStatistics.Of("I live in the U.K. It rains.").Sentences);
    }

    [Fact]
    public void Bare_web_addresses_are_not_hard_words()
    {
        var s = TextStatistics.Of("Read https://www.nhs.uk/conditions/irritable-bowel-syndrome-ibs/ today.");

        Assert.Equal((3, 4, 0), (s.Words, s.Syllables, s.PolysyllabicWords));
        Assert.Empty(s.LongWords);
    }

    [Fact]
    public void A_grade_below_zero_is_shown_as_zero()
    {
        // One word of one syllable a sentence: 0.39 + 11.8 - 15.59 = -3.4.
        var s = TextStatistics.Of("Yes. No. Go.");

        Assert.Equal(0, ReadingGrade.FleschKincaid(s));
    }

    [Fact]
    public void Empty_text_has_no_grade() => Assert.Null(ReadingGrade.FleschKincaid(TextStatistics.Of("")));
}
