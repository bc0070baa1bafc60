namespace GutImmune.Web.Data;

/// <summary>
/// The request's <see cref="GutImmuneDbContext"/> (the same instance the request's other services get), taken from the
/// pool on first use instead of when a service is built: a reader page whose parts are all kept then takes none, and
/// skips the context's rental and its reset when the request ends.
/// </summary>
public sealed class LazyDbContext(IServiceProvider requestServices)
{
    public GutImmuneDbContext Context => field ??= requestServices.GetRequiredService<GutImmuneDbContext>();
}
