namespace GutImmune.Tests.ScaleOut;

/// <summary>
/// The PostgreSQL server and Redis that tests/run.sh starts on loopback for the test run (tests/services.sh), found
/// through the environment variables it exports.
/// </summary>
public static class TestServices
{
    /// <summary>A connection string to the server's maintenance database, used to create and drop test databases.</summary>
    public static string? Postgres => Environment.GetEnvironmentVariable("GUTIMMUNE_TEST_POSTGRES");

    /// <summary>The Redis server's address, e.g. 127.0.0.1:6380.</summary>
    public static string? Redis => Environment.GetEnvironmentVariable("GUTIMMUNE_TEST_REDIS");

    /// <summary>The S3-compatible server's address (s3rver, with bucket gutimmune-media), e.g. http://127.0.0.1:4568.</summary>
    public static string? S3 => Environment.GetEnvironmentVariable("GUTIMMUNE_TEST_S3");

    /// <summary>
    /// Set GUTIMMUNE_TEST_DATABASE=Postgres to run every site the tests start on PostgreSQL instead of SQLite (a check of
    /// the whole suite on the other engine; tests/run.sh does not do this).
    /// </summary>
    public static bool EverySiteOnPostgres => Environment.GetEnvironmentVariable("GUTIMMUNE_TEST_DATABASE") == "Postgres";

    public const string Missing = "needs PostgreSQL and Redis: run the tests with `bash tests/run.sh`, which starts both";
}

/// <summary>A test that needs the PostgreSQL server and Redis that tests/run.sh starts; skipped without them.</summary>
public sealed class ServicesFactAttribute : FactAttribute
{
    public ServicesFactAttribute()
    {
        if (TestServices.Postgres is null || TestServices.Redis is null)
            Skip = TestServices.Missing;
    }
}

/// <summary>A test that needs the S3-compatible server (s3rver) that tests/run.sh starts; skipped without it.</summary>
public sealed class S3FactAttribute : FactAttribute
{
    public S3FactAttribute()
    {
        if (TestServices.S3 is null)
            Skip = "needs s3rver: run the tests with `bash tests/run.sh`, which installs it (tests/s3) and starts it on loopback";
    }
}

/// <summary>A test of what only SQLite does (its backup, its journal mode); skipped when every site runs on PostgreSQL.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestServices.EverySiteOnPostgres)
            Skip = "tests SQLite only, and GUTIMMUNE_TEST_DATABASE=Postgres runs every site on PostgreSQL";
    }
}

/// <summary><see cref="SqliteFactAttribute"/> for a theory.</summary>
public sealed class SqliteTheoryAttribute : TheoryAttribute
{
    public SqliteTheoryAttribute()
    {
        if (TestServices.EverySiteOnPostgres)
            Skip = "tests SQLite only, and GUTIMMUNE_TEST_DATABASE=Postgres runs every site on PostgreSQL";
    }
}
