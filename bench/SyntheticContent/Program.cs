// Fills a new SQLite database with N clearly synthetic articles for benchmarks, published (each with its reader edition
// and search entries): every title says "Synthetic", every text is made of invented words, and no health content is
// generated. Usage: SyntheticContent <file.db> <articles>
using System.Diagnostics;
using System.Text.Json;
using GutImmune.Web.Content;
using GutImmune.Web.Content.Import;
using GutImmune.Web.Data;
using GutImmune.Web.Media;
using GutImmune.Web.Reading;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

if (args.Length != 2 || !int.TryParse(args[1], out var count) || count < 1)
{
    Console.Error.WriteLine("Usage: SyntheticContent <new-file.db> <number of articles>");
    return 2;
}
var path = Path.GetFullPath(args[0]);
if (File.Exists(path))
{
    Console.Error.WriteLine($"{path} exists; the generator only writes new databases.");
    return 1;
}

var clock = Stopwatch.StartNew();
var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
using (var db = new SqliteGutImmuneDbContext(new DbContextOptionsBuilder<SqliteGutImmuneDbContext>().UseSqlite(connectionString).Options))
    db.Database.Migrate();

using var connection = new SqliteConnection(connectionString);
connection.Open();
Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;");
using var transaction = connection.BeginTransaction();
var words = SyntheticWords.Create();
var random = new Random(20261125);
string Text(int length) => string.Join(' ', Enumerable.Range(0, length).Select(_ => words[random.Next(words.Length)])) + ".";

const int TopicCount = 20;
var insertTopic = Prepare(connection, transaction, "INSERT INTO Topics (Slug, Name) VALUES ($a, $b)", 2);
for (var t = 1; t <= TopicCount; t++)
    Run(insertTopic, $"synthetic-topic-{t}", $"Synthetic topic {t}");

var insertArticle = Prepare(connection, transaction, """
    INSERT INTO Articles (Slug, Title, Summary, AuthorName, Status, PublishedAt, UpdatedAt, CreatedAt, Version, Disclaimer)
    VALUES ($a, $b, $c, 'Synthetic Author', 'Published', $d, $d, $d, 1, 'Synthetic load-test data, not health information.')
    RETURNING Id
    """, 4);
var insertTopicLink = Prepare(connection, transaction, "INSERT INTO ArticleTopics (ArticlesId, TopicsId) VALUES ($a, $b)", 2);
var insertSection = Prepare(connection, transaction,
    "INSERT INTO Sections (ArticleId, Position, Slug, Heading, Body, Kind) VALUES ($a, $b, $c, $d, $e, $f) RETURNING Id", 6);
var insertFact = Prepare(connection, transaction, "INSERT INTO Facts (SectionId, Position, Text) VALUES ($a, $b, $c)", 3);
var insertCause = Prepare(connection, transaction, "INSERT INTO Causes (SectionId, Position, Title, Description) VALUES ($a, $b, $c, $d)", 4);
var insertCitation = Prepare(connection, transaction,
    "INSERT INTO Citations (ArticleId, Number, Kind, AuthorNames, AuthorsEtAl, Title, Source, Year) VALUES ($a, $b, 'JournalArticle', $c, 0, $d, 'Synth J', $e)", 5);
var insertEntry = Prepare(connection, transaction,
    "INSERT INTO SearchEntries (ArticleId, SectionSlug, Anchor, Heading, Body) VALUES ($a, $b, $c, $d, $e)", 5);

var insertEdition = Prepare(connection, transaction, """
    INSERT INTO ReaderEditions (ArticleId, Version, Slug, Title, Summary, AuthorName, PublishedAt, UpdatedAt, SectionSlugs, RenderedPage, Snapshot)
    VALUES ($a, 1, $b, $c, $d, $e, $f, $f, $g, $h, $i) RETURNING Id
    """, 9);
var insertEditionTopic = Prepare(connection, transaction, "INSERT INTO ReaderEditionTopics (ReaderEditionId, TopicsId) VALUES ($a, $b)", 2);

// Articles are made in memory and published with the site's own rendering (ReaderEdition.Publish), so the site starts
// on them at once instead of publishing 100,000 missing editions at start-up; rendering runs on every core, in batches.
var start = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc);
const int Batch = 2000;
for (var first = 1; first <= count; first += Batch)
{
    var batch = Enumerable.Range(first, Math.Min(Batch, count - first + 1)).Select(Make).ToList();
    var editions = batch.AsParallel().AsOrdered().Select(article =>
    {
        var edition = new ReaderEdition { Slug = "", Title = "", Summary = "", AuthorName = "" };
        edition.Publish(article, ArticleRendering.Render(article, MediaCatalog.Empty), ArticleFileWriter.Write(article), mediaIds: "", changeNotes: []);
        return edition;
    }).ToList();
    for (var i = 0; i < batch.Count; i++)
        Insert(batch[i], editions[i]);
    if ((first + batch.Count - 1) % 10_000 == 0)
        Console.WriteLine($"{first + batch.Count - 1} articles ({clock.Elapsed.TotalSeconds:F0} s)");
}

Article Make(int n)
{
    var article = new Article
    {
        Slug = $"synthetic-{n:D6}", Title = $"Synthetic article {n}", Summary = $"Synthetic load-test text {n}: {Text(12)}",
        AuthorName = "Synthetic Author", Status = ArticleStatus.Published, PublishedAt = start.AddMinutes(n), UpdatedAt = start.AddMinutes(n),
        CreatedAt = start.AddMinutes(n), Version = 1, Disclaimer = "Synthetic load-test data, not health information.",
        Topics = new[] { 1 + n % TopicCount, 1 + (n * 7 + 3) % TopicCount }.Distinct()
            .Select(t => new Topic { Id = t, Slug = $"synthetic-topic-{t}", Name = $"Synthetic topic {t}" }).ToList(),
    };
    // "probeword" is in exactly 50 articles whatever the size, so its search cost can be compared across sizes.
    var prose = $"{Text(40)} {(n % Math.Max(1, count / 50) == 0 ? "probeword" : "")} {Text(40)}[1]";
    article.Sections =
    [
        new Section { Position = 1, Slug = "overview", Heading = "Synthetic overview", Body = prose, Kind = SectionKind.Prose },
        new Section
        {
            Position = 2, Slug = "facts", Heading = "Synthetic facts", Kind = SectionKind.FactList,
            Facts = Enumerable.Range(1, 5).Select(f => new Fact { Position = f, Text = $"{Text(20)}[{f}]" }).ToList(),
        },
        new Section
        {
            Position = 3, Slug = "causes", Heading = "Synthetic causes", Body = Text(15), Kind = SectionKind.CauseList,
            Causes = Enumerable.Range(1, 3).Select(c => new Cause { Position = c, Title = $"Synthetic cause {c}", Description = $"{Text(30)}[{c + 2}]" }).ToList(),
        },
    ];
    article.Citations = Enumerable.Range(1, 5).Select(r => new Citation
    {
        Number = r, Kind = CitationKind.JournalArticle, Authors = new ReferenceAuthors([$"Synthetic A{r}"], etAl: false), Title = $"Synthetic reference {r} of article {n}",
        Source = "Synth J", Year = 2000 + r,
    }).ToList();
    return article;
}

void Insert(Article article, ReaderEdition edition)
{
    var id = Convert.ToInt32(Run(insertArticle, article.Slug, article.Title, article.Summary, article.PublishedAt));
    Run(insertEntry, id, null, null, article.Title, article.Summary);
    foreach (var topic in article.Topics)
        Run(insertTopicLink, id, topic.Id);
    foreach (var section in article.Sections)
    {
        var sectionId = Convert.ToInt32(Run(insertSection, id, section.Position, section.Slug, section.Heading, section.Body, section.Kind.ToString()));
        if (section.Body.Length > 0)
            Run(insertEntry, id, section.Slug, null, section.Heading, section.Body);
        foreach (var fact in section.Facts)
        {
            Run(insertFact, sectionId, fact.Position, fact.Text);
            Run(insertEntry, id, section.Slug, null, section.Heading, fact.Text);
        }
        foreach (var cause in section.Causes)
        {
            Run(insertCause, sectionId, cause.Position, cause.Title, cause.Description);
            Run(insertEntry, id, section.Slug, $"{section.Slug}-synthetic-cause-{cause.Position}", cause.Title, cause.Description);
        }
    }
    foreach (var citation in article.Citations)
    {
        Run(insertCitation, id, citation.Number, JsonSerializer.Serialize(citation.AuthorNames), citation.Title, citation.Year);
        Run(insertEntry, id, null, $"ref-{citation.Number}", $"Reference {citation.Number}",
            $"{citation.Authors} {citation.Title}. {citation.Source}. {citation.Year}.");
    }
    var editionId = Convert.ToInt32(Run(insertEdition, id, edition.Slug, edition.Title, edition.Summary, edition.AuthorName,
        edition.PublishedAt, edition.SectionSlugs, edition.RenderedPage, edition.Snapshot));
    foreach (var topic in article.Topics)
        Run(insertEditionTopic, editionId, topic.Id);
}
transaction.Commit();
Execute(connection, "PRAGMA optimize;");
Console.WriteLine($"Wrote {count} synthetic articles to {path} in {clock.Elapsed.TotalSeconds:F1} s ({new FileInfo(path).Length / 1024 / 1024} MiB).");
return 0;

static void Execute(SqliteConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}

static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, int parameters)
{
    var command = connection.CreateCommand();
    command.Transaction = transaction;
    command.CommandText = sql;
    foreach (var name in "abcdefghi"[..parameters])
        command.Parameters.Add(new SqliteParameter("$" + name, null));
    command.Prepare();
    return command;
}

static object? Run(SqliteCommand command, params object?[] values)
{
    for (var i = 0; i < values.Length; i++)
        command.Parameters[i].Value = values[i] ?? DBNull.Value;
    return command.ExecuteScalar();
}

/// <summary>Invented words (consonant-vowel syllables), so synthetic text can never read as health advice.</summary>
internal static class SyntheticWords
{
    public static string[] Create()
    {
        var random = new Random(7);
        const string consonants = "bdfgklmnprstvz";
        const string vowels = "aeiou";
        return Enumerable.Range(0, 3000).Select(_ => string.Concat(Enumerable.Range(0, random.Next(2, 4))
            .Select(_ => $"{consonants[random.Next(consonants.Length)]}{vowels[random.Next(vowels.Length)]}"))).Distinct().ToArray();
    }
}
