using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GutImmune.BrowserTests.Accessibility;

/// <summary>One rule axe-core found broken, with the elements that break it.</summary>
public sealed record AxeViolation(string Id, string? Impact, string Help, string HelpUrl, IReadOnlyList<AxeNode> Nodes);

/// <summary>An element that breaks a rule: its CSS selector path and axe's summary of what to fix.</summary>
public sealed record AxeNode(IReadOnlyList<string> Target, string? FailureSummary);

/// <summary>Runs axe-core, from npm, inside a page that is open in the browser.</summary>
public static class AxeAudit
{
    /// <summary>WCAG 2.0, 2.1 and 2.2, levels A and AA.</summary>
    public static readonly string[] WcagAaTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(TestPaths.AxeScript));

    public static async Task<IReadOnlyList<AxeViolation>> RunAsync(IPage page)
    {
        // Evaluated through the DevTools protocol rather than added as a <script>: the site's Content-Security-Policy
        // (script-src 'self') rightly refuses scripts from elsewhere.
        await page.EvaluateAsync(AxeSource.Value);
        var violations = await page.EvaluateAsync<string>(
            """
            async tags => {
                const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
                return JSON.stringify(results.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                    nodes: v.nodes.map(n => ({ target: n.target.map(String), failureSummary: n.failureSummary })),
                })));
            }
            """,
            WcagAaTags);
        return JsonSerializer.Deserialize<AxeViolation[]>(violations, JsonSerializerOptions.Web)!;
    }

    /// <summary>A failure message a person can act on: each rule with its impact, then the offending elements.</summary>
    public static string Describe(string where, IReadOnlyList<AxeViolation> violations)
    {
        var text = new StringBuilder($"{violations.Count} accessibility rule(s) broken on {where}:");
        foreach (var violation in violations)
        {
            text.AppendLine().Append($"- {violation.Id} ({violation.Impact}): {violation.Help} <{violation.HelpUrl}>");
            foreach (var node in violation.Nodes)
            {
                text.AppendLine().Append($"    at {string.Join(" ", node.Target)}");
                if (node.FailureSummary is { } summary)
                    text.Append(" — ").Append(Regex.Replace(summary, @"\s+", " "));
            }
        }
        return text.ToString();
    }
}
