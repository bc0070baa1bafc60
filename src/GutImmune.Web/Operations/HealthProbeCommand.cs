namespace GutImmune.Web.Operations;

/// <summary>
/// `healthcheck [address]`: asks a running instance's readiness probe and exits 0 when it is ready, 1 otherwise. For
/// the container's HEALTHCHECK: the ASP.NET runtime image has no curl or wget.
/// </summary>
public static class HealthProbeCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var address = args.ElementAtOrDefault(1) ?? $"http://127.0.0.1:{ListeningPort()}/healthz/ready";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(address);
            output.WriteLine($"{address}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            output.WriteLine($"{address}: {e.Message}");
            return 1;
        }
    }

    // The image sets ASPNETCORE_HTTP_PORTS (8080); the probe runs inside the container, beside the site.
    private static string ListeningPort() =>
        (Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS") ?? "8080").Split([',', ';'])[0].Trim();
}
