using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace GutImmune.BrowserTests.Validity;

/// <summary>One message of the Nu Html Checker: <c>error</c>, <c>info</c> (warnings among them) or <c>non-document-error</c>.</summary>
public sealed record NuMessage(string Type, string? SubType, string Message, int? LastLine, int? FirstColumn, string? Extract);

/// <summary>The Nu Html Checker (vnu.jar from npm) run on the machine's Java, over a document given on standard input.</summary>
public static class NuHtmlChecker
{
    public static async Task<IReadOnlyList<NuMessage>> CheckAsync(string html)
    {
        var start = new ProcessStartInfo("java")
        {
            ArgumentList = { "-jar", TestPaths.NuHtmlCheckerJar, "--format", "json", "--stdout", "-" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var checker = Process.Start(start) ?? throw new InvalidOperationException("java did not start");
        var output = checker.StandardOutput.ReadToEndAsync();
        var errors = checker.StandardError.ReadToEndAsync();
        await checker.StandardInput.WriteAsync(html);
        checker.StandardInput.Close();
        await checker.WaitForExitAsync();

        // The exit code is 1 whenever the document has errors; only output that is not a report means the checker failed.
        var report = await output;
        if (!report.TrimStart().StartsWith('{'))
            throw new InvalidOperationException($"vnu.jar exited with {checker.ExitCode} and no report: {await errors}");
        return JsonDocument.Parse(report).RootElement.GetProperty("messages").Deserialize<NuMessage[]>(JsonSerializerOptions.Web)!;
    }

    /// <summary>The errors, each with its line and the source around it.</summary>
    public static string Describe(string where, IEnumerable<NuMessage> errors) =>
        $"HTML errors in {where}:" + string.Concat(errors.Select(e =>
            $"{Environment.NewLine}- line {e.LastLine}, column {e.FirstColumn}: {e.Message}{Environment.NewLine}    {e.Extract?.ReplaceLineEndings("⏎")}"));
}
