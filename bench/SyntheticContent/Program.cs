// Fills a new SQLite database with N clearly synthetic articles for benchmarks: every title says "Synthetic", every
// text is made of invented words, and no health content is generated. Usage: SyntheticContent <file.db> <articles>
using System.Diagnostics;
using GutImmune.Web.Data;
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
    "INSERT INTO Citations (ArticleId, Number, Kind, Authors, Title, Source, Year) VALUES ($a, $b, 'JournalArticle', $c, $d, 'Synth J', $e)", 5);
var insertEntry = Prepare(connection, transaction,
    "INSERT INTO SearchEntries (ArticleId, SectionSlug, Anchor, Heading, Body) VALUES ($a, $b, $c, $d, $e)", 5);

var start = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc);
for (var n = 1; n <= count; n++)
{
    var slug = $"synthetic-{n:D6}";
    var title = $"Synthetic article {n}";
    var summary = $"Synthetic load-test text {n}: {Text(12)}";
    var id = Convert.ToInt32(Run(insertArticle, slug, title, summary, start.AddMinutes(n)));
    Run(insertEntry, id, null, null, title, summary);
    foreach (var topic in new[] { 1 + n % TopicCount, 1 + (n * 7 + 3) % TopicCount }.Distinct())
        Run(insertTopicLink, id, topic);

    // "probeword" is in exactly 50 articles whatever the size, so its search cost can be compared across sizes.
    var prose = $"{Text(40)} {(n % Math.Max(1, count / 50) == 0 ? "probeword" : "")} {Text(40)}[1]";
    var sectionId = Convert.ToInt32(Run(insertSection, id, 1, "overview", "Synthetic overview", prose, "Prose"));
    Run(insertEntry, id, "overview", null, "Synthetic overview", prose);
    sectionId = Convert.ToInt32(Run(insertSection, id, 2, "facts", "Synthetic facts", "", "FactList"));
    for (var f = 1; f <= 5; f++)
    {
        var fact = $"{Text(20)}[{f}]";
        Run(insertFact, sectionId, f, fact);
        Run(insertEntry, id, "facts", null, "Synthetic facts", fact);
    }
    sectionId = Convert.ToInt32(Run(insertSection, id, 3, "causes", "Synthetic causes", Text(15), "CauseList"));
    for (var c = 1; c <= 3; c++)
    {
        var cause = $"Synthetic cause {c}";
        var description = $"{Text(30)}[{c + 2}]";
        Run(insertCause, sectionId, c, cause, description);
        Run(insertEntry, id, "causes", $"causes-synthetic-cause-{c}", cause, description);
    }
    for (var r = 1; r <= 5; r++)
    {
        Run(insertCitation, id, r, $"Synthetic A{r}.", $"Synthetic reference {r} of article {n}", 2000 + r);
        Run(insertEntry, id, null, $"ref-{r}", $"Reference {r}", $"Synthetic A{r}. Synthetic reference {r} of article {n}. Synth J. {2000 + r}.");
    }
    if (n % 10_000 == 0)
        Console.WriteLine($"{n} articles ({clock.Elapsed.TotalSeconds:F0} s)");
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
    foreach (var name in "abcdef"[..parameters])
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
