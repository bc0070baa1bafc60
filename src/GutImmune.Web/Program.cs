using GutImmune.Web.Data;
using GutImmune.Web.Reading;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Serilog;

// A published folder carries its own appsettings.json and wwwroot: run from it whatever the working directory.
// Under `dotnet run` the content root is the repository root (RunWorkingDirectory in the project file).
var publishedRoot = File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json")) ? AppContext.BaseDirectory : null;
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = publishedRoot });

builder.Services.AddSerilog((services, logger) => logger
    .ReadFrom.Configuration(builder.Configuration)
    .ReadFrom.Services(services)
    .Enrich.FromLogContext());

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddContentStore(builder.Configuration, builder.Environment);
builder.Services.AddScoped<DatabaseInitializer>();
builder.Services.AddScoped<ArticleReader>();
builder.Services.AddControllersWithViews();
// Articles are prose with typographic quotes and dashes: encode only what HTML needs, not every non-ASCII letter.
builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddHealthChecks().AddDbContextCheck<GutImmuneDbContext>("database");

var app = builder.Build();

using (var scope = app.Services.CreateScope())
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();

app.UseSerilogRequestLogging();
if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/error");
app.UseStatusCodePagesWithReExecute("/error/{0}");
app.UseStaticFiles();
app.UseRouting();

app.MapHealthChecks("/healthz");
app.MapControllers();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
