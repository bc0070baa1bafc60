namespace GutImmune.Tests;

/// <summary>Where the repository and its files are, found from the test assembly's folder.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SeedFile => Path.Combine(RepositoryRoot, "src", "GutImmune.Web", "Data", "Seed", "gut-immune-system-connection.json");

    /// <summary>The scraped source text the seed article was transcribed from.</summary>
    public static string SourceText => Path.Combine(AppContext.BaseDirectory, "Fixtures", "gut-immune-system-connection.txt");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GutImmune.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("GutImmune.sln not found above " + AppContext.BaseDirectory);
    }
}
