using GutImmune.Web.Operations;
using GutImmune.Web.Security;
using Microsoft.Extensions.Options;

namespace GutImmune.Web.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section, SettingBinding.RefuseUnknownNames).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookSecrets>();
        services.AddScoped<WebhookRegistry>();
        services.AddScoped<WebhookOutbox>();
        services.AddScoped<WebhookDispatcher>();
        // Each connection goes to a checked public address only (unless allowed for a local receiver), and a redirect is
        // an answer to record, never followed: it could lead anywhere.
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var handler = PublicNetworkConnections.CreateHandler(provider.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowNonPublicAddresses);
                handler.AllowAutoRedirect = false;
                return handler;
            });
        services.AddHostedService<WebhookSender>();
        return services;
    }
}
