using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using GutImmune.Tests.ScaleOut;
using GutImmune.Tests.Web;
using GutImmune.Web.Operations;

namespace GutImmune.Tests.Operations;

/// <summary>The commands a deployment runs beside the site: `migrate` before the instances, `healthcheck` in the container.</summary>
public class OperationCommandTests
{
    private static string WebDll => Path.Combine(AppContext.BaseDirectory, "GutImmune.Web.dll");

    private static async Task<(int ExitCode, string Output)> RunAsync(string arguments, string? database = null, string logFormat = "text",
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo("dotnet", $"\"{WebDll}\" {arguments}")
        {
            WorkingDirectory = TestPaths.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Logging__Format"] = logFormat, ["LinkCheck__Enabled"] = "false" },
        };
        if (database is not null)
            start.Environment["ConnectionStrings__Default"] = $"Data Source={database}";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            return (process.ExitCode, await output + await errors);
        }
        finally
        {
            // A command that does not end (e.g. one the app does not know, which starts the site) must not outlive the test.
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The `Serilog` section's sinks are found among the Serilog assemblies SiteLogging names, as among those the
    /// application's deps.json lists.</summary>
    [SqliteFact]
    public async Task A_file_sink_named_in_the_Serilog_section_gets_the_log()
    {
        var folder = Directory.CreateTempSubdirectory("gutimmune-file-sink-");
        try
        {
            var log = Path.Combine(folder.FullName, "site.log");
            var (exitCode, output) = await RunAsync("migrate", Path.Combine(folder.FullName, "site.db"), settings: new Dictionary<string, string>
            {
                ["Serilog__MinimumLevel__Default"] = "Information",
                ["Serilog__WriteTo__0__Name"] = "File",
                ["Serilog__WriteTo__0__Args__path"] = log,
            });

            Assert.True(exitCode == 0, $"exit code {exitCode}: {output}");
            Assert.True(File.Exists(log), $"no log file; the console had: {output}");
            Assert.Contains("[INF]", await File.ReadAllTextAsync(log));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [SqliteFact]
    public async Task Without_migration_at_start_up_the_instance_is_not_started_until_the_migrate_step_has_run()
    {
        using var site = new GutImmuneFactory();
        site.Settings["Database:MigrateOnStartup"] = "false";
        var client = site.CreateClient();

        var before = await client.GetAsync("/healthz/startup");
        var readyBefore = await client.GetAsync("/healthz/ready");
        var live = await client.GetAsync("/healthz/live");
        var pageBefore = await client.GetAsync("/topics");
        var migrate = await RunAsync("migrate", site.DatabasePath);
        var again = await RunAsync("migrate", site.DatabasePath);
        var after = await client.GetAsync("/healthz/startup");
        var readyAfter = await client.GetAsync("/healthz/ready");
        var home = await client.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        // An instance whose schema is not current must get no traffic: its pages need tables that are not there yet.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyBefore.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        // A request that reaches the instance anyway is told to come back, not shown a 500.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, pageBefore.StatusCode);
        Assert.NotNull(pageBefore.Headers.RetryAfter);
        Assert.True(migrate.ExitCode == 0, migrate.Output);
        Assert.Matches(@"Applied \d+ migrations", migrate.Output);
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("already current", again.Output);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyAfter.StatusCode);
        Assert.Contains("The Gut-Immune System Connection", home);
    }

    [Theory]
    [InlineData("Database__SqliteSynchronous", "99", "SqliteSynchronous")]
    [InlineData("ReaderCache__OutputCacheMegabytes", "0", "OutputCacheMegabytes")]
    [InlineData("ReaderCache__OutputCacheMegabytes", "abc", "ReaderCache:OutputCacheMegabytes")]
    [InlineData("Review__LinkLifetimeDays", "0", "LinkLifetimeDays")]
    [InlineData("SignIn__AttemptsPerMinute", "0", "AttemptsPerMinute")]
    [InlineData("SignIn__LockoutMinutes", "-5", "LockoutMinutes")]
    [InlineData("Health__Details", "maybe", "Health:Details")]
    [InlineData("Site__BaseUrl", "notaurl", "Site:BaseUrl")]
    [InlineData("Media__Storage", "S4", "Media:Storage")]
    [InlineData("Database__Provider", "Sqlit", "It must be one of: Sqlite, Postgres.")]
    [InlineData("Logging__Format", "xml", "Logging:Format")]
    [InlineData("Feeds__ArticlesPerSitemap", "0", "ArticlesPerSitemap")]
    [InlineData("Kestrel__Limits__MaxConcurrentConnections", "-5", "Kestrel:Limits")]
    [InlineData("Kestrel__Limits__MaxConcurrentConnections", "abc", "Kestrel:Limits:MaxConcurrentConnections")]
    [InlineData("Security__CookiesRequireHttps", "flase", "Security:CookiesRequireHttps")]
    [InlineData("LinkCheck__Interval", "abc", "LinkCheck:Interval")]
    [InlineData("LinkCheck__PollInterval", "00:00:00", "PollInterval")]
    [InlineData("OpenTelemetry__Endpoint", "notaurl", "OpenTelemetry:Endpoint")]
    [InlineData("Serilog__MinimumLevel__Default", "Verbos", "Serilog")]
    [InlineData("ReverseProxy__KnownProxies__0", "notanaddress", "ReverseProxy:KnownProxies")]
    [InlineData("ReaderCache__OutputCacheMB", "32", "There is no setting ReaderCache:OutputCacheMB: a misspelt name? The settings of ReaderCache are: UncachedRendersPerMinute, UncachedRendersAtOnce, OutputCacheMegabytes, ")]
    [InlineData("Database__Provder", "Postgres", "There is no setting Database:Provder")]
    [InlineData("Kestrel__Limits__MaxConcurentConnections", "10", "There is no setting MaxConcurentConnections (read into KestrelServerLimits): a misspelt name? The settings beside it are: ")]
    [InlineData("DataProtection__CertificatePath", "/nonexistent/keyring.pfx", "DataProtection:CertificatePath: there is no file /nonexistent/keyring.pfx.")]
    [InlineData("Database__Provider", "Postgres", "ConnectionStrings:Default must be a PostgreSQL connection string")]
    public async Task A_setting_out_of_its_values_or_a_name_no_setting_has_stops_the_site_before_its_database_with_one_line_naming_it_and_exit_code_78(string key, string value, string named)
    {
        var folder = Directory.CreateTempSubdirectory("gutimmune-refused-");
        try
        {
            var database = Path.Combine(folder.FullName, "site.db");
            var (exitCode, output) = await RunAsync("--urls http://127.0.0.1:0", database, settings: new Dictionary<string, string> { [key] = value });

            Assert.True(exitCode == StartRefusal.SettingExitCode, $"exit code {exitCode}: {output}");
            var refusal = Assert.Single(output.Split('\n'), line => line.StartsWith("GutImmune did not start"));
            Assert.Contains(named, refusal);
            Assert.DoesNotContain("Unhandled exception", output);
            Assert.DoesNotContain("   at ", output);
            Assert.False(File.Exists(database), "the database was made before the setting was refused");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A key ring certificate without its private key would encrypt keys that no later start could read back.</summary>
    [Fact]
    public async Task A_key_ring_certificate_without_its_private_key_is_a_refused_setting()
    {
        var folder = Directory.CreateTempSubdirectory("gutimmune-certificate-");
        try
        {
            using var rsa = RSA.Create(2048);
            using var made = new CertificateRequest("CN=gutimmune-keyring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            using var publicOnly = X509CertificateLoader.LoadCertificate(made.Export(X509ContentType.Cert));
            var path = Path.Combine(folder.FullName, "public-only.pfx");
            await File.WriteAllBytesAsync(path, publicOnly.Export(X509ContentType.Pkcs12, "a-password"));

            var (exitCode, output) = await RunAsync("--urls http://127.0.0.1:0", Path.Combine(folder.FullName, "site.db"), settings: new Dictionary<string, string>
            {
                ["DataProtection__CertificatePath"] = path,
                ["DataProtection__CertificatePassword"] = "a-password",
            });

            Assert.True(exitCode == StartRefusal.SettingExitCode, $"exit code {exitCode}: {output}");
            Assert.Contains($"DataProtection:CertificatePath: {path} holds no private key", output);
            Assert.DoesNotContain("   at ", output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A PostgreSQL server that cannot be reached at start (here nothing listens on its port) stops the site with one line, not a stack trace.</summary>
    [Theory]
    [InlineData("Host=127.0.0.1;Port=1;Database=gutimmune;Username=gutimmune;Timeout=3", "GutImmune did not start: the database cannot be used (ConnectionStrings:Default). Failed to connect to 127.0.0.1:1")]
    [InlineData("garbage=;;;", "GutImmune did not start: a setting is refused. Database:Provider is Postgres, so ConnectionStrings:Default must be a PostgreSQL connection string")]
    public async Task A_postgresql_server_that_cannot_be_used_at_start_stops_the_site_with_one_line(string connectionString, string refusal)
    {
        var (exitCode, output) = await RunAsync("--urls http://127.0.0.1:0", settings: new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Default"] = connectionString,
        });

        Assert.True(exitCode is StartRefusal.DatabaseExitCode or StartRefusal.SettingExitCode, $"exit code {exitCode}: {output}");
        Assert.StartsWith(refusal, Assert.Single(output.Split('\n'), line => line.StartsWith("GutImmune did not start")));
        Assert.DoesNotContain("Unhandled exception", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task A_database_file_sqlite_cannot_use_stops_the_site_with_one_line_and_exit_code_74_leaving_nothing_beside_it()
    {
        var folder = Directory.CreateTempSubdirectory("gutimmune-not-a-database-");
        try
        {
            var database = Path.Combine(folder.FullName, "site.db");
            await File.WriteAllTextAsync(database, "This text file is not a SQLite database, whatever its name says.");

            var (exitCode, output) = await RunAsync("--urls http://127.0.0.1:0", database);

            Assert.True(exitCode == StartRefusal.DatabaseExitCode, $"exit code {exitCode}: {output}");
            Assert.Contains("GutImmune did not start: the database cannot be used", output);
            Assert.DoesNotContain("   at ", output);
            Assert.StartsWith("This text file", await File.ReadAllTextAsync(database));
            Assert.Equal(["site.db"], Directory.GetFileSystemEntries(folder.FullName).Select(Path.GetFileName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_database_file_the_site_may_only_read_stops_the_site_with_one_line_and_exit_code_74_before_sqlite_reads_it()
    {
        var folder = Directory.CreateTempSubdirectory("gutimmune-read-only-");
        try
        {
            var database = Path.Combine(folder.FullName, "site.db");
            var migrate = await RunAsync("migrate", database);
            Assert.True(migrate.ExitCode == 0, migrate.Output);
            var filesBefore = Directory.GetFileSystemEntries(folder.FullName).Order().ToArray();

            // The tests run as root, whom no file mode stops: Mode=ReadOnly has SQLite open the file as it opens one whose
            // mode lets this process only read it (both are the read-only connection sqlite3_db_readonly reports).
            var (exitCode, output) = await RunAsync("--urls http://127.0.0.1:0", database,
                settings: new Dictionary<string, string> { ["ConnectionStrings__Default"] = $"Data Source={database};Mode=ReadOnly" });

            Assert.True(exitCode == StartRefusal.DatabaseExitCode, $"exit code {exitCode}: {output}");
            var refusal = Assert.Single(output.Split('\n'), line => line.StartsWith("GutImmune did not start"));
            Assert.Contains("ConnectionStrings:Default", refusal);
            Assert.Contains($"{database} is read-only", refusal);
            Assert.DoesNotContain("   at ", output);
            // Refused before SQLite read it: no -shm file (which would get the read-only mode) and no -wal.
            Assert.Equal(filesBefore, Directory.GetFileSystemEntries(folder.FullName).Order());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("backup --to {0}/copy.db")]
    [InlineData("create-admin --email someone@example.org")]
    public async Task A_command_on_a_file_sqlite_cannot_use_says_in_one_line_which_command_failed_and_exits_74_leaving_nothing_beside_it(string arguments)
    {
        var folder = Directory.CreateTempSubdirectory("gutimmune-command-refused-");
        try
        {
            var database = Path.Combine(folder.FullName, "site.db");
            await File.WriteAllTextAsync(database, "This text file is not a SQLite database, whatever its name says.");

            var (exitCode, output) = await RunAsync(string.Format(arguments, folder.FullName), database);

            Assert.True(exitCode == StartRefusal.DatabaseExitCode, $"exit code {exitCode}: {output}");
            Assert.Contains($"GutImmune {arguments.Split(' ')[0]} failed: the database cannot be used", output);
            Assert.Contains("SQLite Error 26: 'file is not a database'.", output);
            Assert.DoesNotContain("For more information", output);
            Assert.DoesNotContain("did not start", output);
            Assert.DoesNotContain("   at ", output);
            // Nothing beside the file it refused (no lock file, no backup).
            Assert.Equal(["site.db"], Directory.GetFileSystemEntries(folder.FullName).Select(Path.GetFileName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_address_already_in_use_stops_the_site_with_one_line_and_exit_code_71()
    {
        var folder = Directory.CreateTempSubdirectory("gutimmune-port-taken-");
        var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

            var (exitCode, output) = await RunAsync($"--urls http://127.0.0.1:{port}", Path.Combine(folder.FullName, "site.db"));

            Assert.True(exitCode == StartRefusal.AddressExitCode, $"exit code {exitCode}: {output}");
            Assert.StartsWith("GutImmune did not start: it cannot listen", output.TrimEnd().Split('\n')[^1]);
            // That one line only: no stack trace, and the background services stopped before the services they use.
            Assert.DoesNotContain("   at ", output);
            Assert.DoesNotContain(" ERR] ", output);
            Assert.DoesNotContain(" FTL] ", output);
            Assert.DoesNotContain(" WRN] GutImmune", output);
            Assert.DoesNotContain("Stopped while starting", output);
        }
        finally
        {
            taken.Stop();
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("frobnicate", "Unknown command “frobnicate”")]
    [InlineData("migrate --bogus", "migrate takes no options (“--bogus”)")]
    public async Task An_unknown_command_or_option_is_refused_instead_of_starting_the_site_or_being_ignored(string arguments, string refusal)
    {
        var (exitCode, output) = await RunAsync(arguments);

        Assert.True(exitCode == 64, $"exit code {exitCode}: {output}");
        Assert.Contains(refusal, output);
    }

    [Fact]
    public async Task A_backup_that_fails_leaves_no_file_so_that_trying_again_under_the_same_name_works()
    {
        var folder = Directory.CreateTempSubdirectory("gutimmune-backup-busy-");
        try
        {
            var database = Path.Combine(folder.FullName, "site.db");
            var copy = Path.Combine(folder.FullName, "copy.db");
            Assert.Equal(0, (await RunAsync("migrate", database)).ExitCode);
            await using (var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False"))
            {
                await holder.OpenAsync();
                await using (var exclusive = holder.CreateCommand())
                {
                    exclusive.CommandText = "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; CREATE TABLE HeldByTheTest (Id INTEGER);";
                    await exclusive.ExecuteNonQueryAsync();
                }

                var (refusedCode, refused) = await RunAsync($"backup --to {copy}", database);

                Assert.True(refusedCode != 0, refused);
                Assert.False(File.Exists(copy), refused);
            }

            var (exitCode, output) = await RunAsync($"backup --to {copy}", database);
            Assert.True(exitCode == 0, $"exit code {exitCode}: {output}");
            Assert.True(new FileInfo(copy).Length > 0);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Backup_of_a_database_that_is_not_there_says_so_and_makes_none()
    {
        var folder = Directory.CreateTempSubdirectory("gutimmune-backup-missing-");
        try
        {
            var missing = Path.Combine(folder.FullName, "typo.db");
            var copy = Path.Combine(folder.FullName, "copy.db");

            var (exitCode, output) = await RunAsync($"backup --to {copy}", missing);

            Assert.True(exitCode == 1, $"exit code {exitCode}: {output}");
            Assert.Contains($"There is no database at {missing}", output);
            Assert.False(File.Exists(missing));
            Assert.False(File.Exists(copy));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Backup_of_an_empty_database_file_says_there_is_no_database_and_makes_none()
    {
        var folder = Directory.CreateTempSubdirectory("gutimmune-backup-empty-");
        try
        {
            var empty = Path.Combine(folder.FullName, "site.db");
            await File.WriteAllBytesAsync(empty, []);
            var copy = Path.Combine(folder.FullName, "copy.db");

            var (exitCode, output) = await RunAsync($"backup --to {copy}", empty);

            Assert.True(exitCode == 1, $"exit code {exitCode}: {output}");
            Assert.Contains($"There is no database at {empty} (the file is empty)", output);
            Assert.Equal(0, new FileInfo(empty).Length);
            Assert.False(File.Exists(copy));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("{0}/a-folder", "{0}/a-folder is a folder")]
    [InlineData("{0}/a-file.txt/copy.db", "the folder {0}/a-file.txt for the backup {0}/a-file.txt/copy.db cannot be created")]
    [InlineData("/proc/gutimmune-copy.db", "the backup /proc/gutimmune-copy.db cannot be created")]
    public async Task Backup_to_a_destination_that_cannot_be_a_file_names_it_in_one_line_and_exits_73(string destination, string problem)
    {
        var folder = Directory.CreateTempSubdirectory("gutimmune-backup-destination-");
        try
        {
            var database = Path.Combine(folder.FullName, "site.db");
            Assert.Equal(0, (await RunAsync("migrate", database)).ExitCode);
            Directory.CreateDirectory(Path.Combine(folder.FullName, "a-folder"));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "a-file.txt"), "Not a folder.");

            var (exitCode, output) = await RunAsync($"backup --to {string.Format(destination, folder.FullName)}", database);

            Assert.True(exitCode == StartRefusal.OutputFileExitCode, $"exit code {exitCode}: {output}");
            Assert.StartsWith("GutImmune backup failed: ", output.TrimEnd().Split('\n')[^1]);
            Assert.Contains(string.Format(problem, folder.FullName), output);
            Assert.DoesNotContain("   at ", output);
            Assert.DoesNotContain("ConnectionStrings", output);
            Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(folder.FullName, "a-folder")));
            Assert.Equal("Not a folder.", await File.ReadAllTextAsync(Path.Combine(folder.FullName, "a-file.txt")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [SqliteFact]
    public async Task Json_log_format_writes_one_compact_json_event_a_line()
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("gutimmune-log-").FullName, "site.db");
        try
        {
            var migrate = await RunAsync("migrate", database, logFormat: "json");

            Assert.True(migrate.ExitCode == 0, migrate.Output);
            var seeded = migrate.Output.Split('\n').Single(line => line.Contains("Seeded the article"));
            using var logEvent = JsonDocument.Parse(seeded);
            Assert.True(logEvent.RootElement.TryGetProperty("@t", out _), seeded);
            Assert.StartsWith("Seeded the article", logEvent.RootElement.GetProperty("@m").GetString());
            Assert.Equal("gut-immune-system-connection", logEvent.RootElement.GetProperty("Slug").GetString());
            Assert.Equal("GutImmune.Web.Data.DatabaseInitializer", logEvent.RootElement.GetProperty("SourceContext").GetString());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(database)!, recursive: true);
        }
    }

    /// <summary>The site on a real port, as the container's health check finds it.</summary>
    private sealed class ListeningSite : GutImmuneFactory
    {
        public ListeningSite() => UseKestrel(0);

        public Uri Address
        {
            get
            {
                StartServer();
                return ClientOptions.BaseAddress;
            }
        }
    }

    [Fact]
    public async Task Healthcheck_command_exits_0_while_the_site_is_ready_and_1_when_nothing_answers()
    {
        using var site = new ListeningSite();
        var ready = await RunAsync($"healthcheck {new Uri(site.Address, "/healthz/ready")}");
        int closedPort;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var nothing = await RunAsync($"healthcheck http://127.0.0.1:{closedPort}/healthz/ready");

        Assert.True(ready.ExitCode == 0, ready.Output);
        Assert.Contains("200 Healthy", ready.Output);
        Assert.Equal(1, nothing.ExitCode);
    }
}
