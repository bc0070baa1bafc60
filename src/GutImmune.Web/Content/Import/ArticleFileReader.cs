using System.Text.Json;

namespace GutImmune.Web.Content.Import;

/// <summary>Reads an article file and checks it whole: either a valid article or every problem found in it.</summary>
public static class ArticleFileReader
{
    public sealed record Result(Article? Article, IReadOnlyList<ContentProblem> Problems)
    {
        public bool Succeeded => Article is not null;
    }

    public static Result Read(string json, DateTime utcNow)
    {
        ArticleFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ArticleFile>(json, ArticleFile.JsonOptions);
        }
        catch (JsonException e)
        {
            return Failed(new ContentProblem(
                e.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "file",
                $"line {(e.LineNumber ?? 0) + 1}: {DescribeJsonError(e)}"));
        }
        if (file is null)
            return Failed(new ContentProblem("file", "is empty; expected an article object."));

        var article = file.ToArticle(utcNow);
        var problems = ArticleValidator.Validate(article);
        return problems.Count == 0 ? new Result(article, []) : new Result(null, problems);
    }

    private static Result Failed(ContentProblem problem) => new(null, [problem]);

    // System.Text.Json's messages mention .NET types and paths; keep the part an editor can act on.
    private static string DescribeJsonError(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
