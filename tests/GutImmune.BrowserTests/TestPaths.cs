namespace GutImmune.BrowserTests;

/// <summary>Where the repository, the npm-installed checkers and the screenshots are, found from the test assembly's folder.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>axe-core, vnu-jar and the sitemap schema, installed by <c>npm ci</c> beside this project's package.json (tests/run.sh does it).</summary>
    public static string NodeModules => Path.Combine(RepositoryRoot, "tests", "GutImmune.BrowserTests", "node_modules");

    public static string AxeScript => NpmFile("axe-core", "axe.min.js");

    public static string NuHtmlCheckerJar => NpmFile("vnu-jar", "build", "dist", "vnu.jar");

    /// <summary>The sitemaps.org 0.9 schema, as shipped by the sitemap package.</summary>
    public static string SitemapSchema => NpmFile("sitemap", "schema", "sitemap.xsd");

    /// <summary>Beside the test results tests/run.sh writes, so a CI run keeps them.</summary>
    public static string Screenshots => Directory.CreateDirectory(Path.Combine(RepositoryRoot, "TestResults", "screenshots")).FullName;

    private static string NpmFile(params string[] parts)
    {
        var path = Path.Combine([NodeModules, .. parts]);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} is missing: run `npm ci` in tests/GutImmune.BrowserTests (bash tests/run.sh does).", path);
        return path;
    }

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
