using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Caching;

/// <summary>
/// Tells the CDN to drop the pages a save changed: a POST to `Cdn:PurgeUrl` naming their tags (the surrogate keys the
/// pages carry) as JSON `{"tags": [...]}` and in a `Surrogate-Key` header. The save has already been committed, so a
/// CDN that is slow, down or refusing is logged and the save goes on; its pages then expire after `s-maxage`.
/// </summary>
public sealed class CdnPurge(HttpClient http, IOptions<CdnOptions> options, ILogger<CdnPurge> logger)
{
    public async Task PurgeAsync(IReadOnlyCollection<string> tags)
    {
        var cdn = options.Value;
        if (cdn.PurgeUrl is null || tags.Count == 0)
            return;

        using var request = new HttpRequestMessage(HttpMethod.Post, cdn.PurgeUrl) { Content = JsonContent.Create(new { tags }) };
        request.Headers.Add(SharedCacheHeaders.SurrogateKey, string.Join(' ', tags));
        if (!string.IsNullOrEmpty(cdn.PurgeAuthorization))
            request.Headers.TryAddWithoutValidation(cdn.PurgeAuthorizationHeader, cdn.PurgeAuthorization);
        try
        {
            // Not the request's token: an editor who closes the tab after saving must not leave the CDN unpurged.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, CancellationToken.None);
            if (!response.IsSuccessStatusCode)
                logger.LogWarning("The CDN purge at {PurgeHost} answered {StatusCode} for {Tags}", cdn.PurgeUrl.Host, (int)response.StatusCode, tags);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning(exception, "The CDN purge at {PurgeHost} failed for {Tags}", cdn.PurgeUrl.Host, tags);
        }
    }
}
