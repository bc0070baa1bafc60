using GutImmune.Web.Operations;

namespace GutImmune.Web.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>The media library and its store: a folder (`Media:Folder`) unless `Media:Storage=S3`.</summary>
    public static IServiceCollection AddMediaLibrary(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(MediaOptions.Section).Get<MediaOptions>(SettingBinding.RefuseUnknownNames) ?? new MediaOptions();
        if (options.Storage == MediaStorage.S3)
            services.AddSingleton<IMediaStore>(new S3MediaStore(options.S3));
        else
            services.AddSingleton<IMediaStore>(new DiskMediaStore(Path.GetFullPath(options.Folder, environment.ContentRootPath)));
        services.AddScoped<MediaPictures>();
        services.AddScoped<MediaLibrary>();
        services.AddScoped<ArticleFileImages>();
        return services;
    }
}
