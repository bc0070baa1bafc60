using GutImmune.Tests.ScaleOut;
using GutImmune.Tests.Web;
using GutImmune.Web.Content;
using GutImmune.Web.Data;
using GutImmune.Web.Editing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace GutImmune.Tests.Security;

public class BackupTests(GutImmuneFactory factory) : IClassFixture<GutImmuneFactory>
{
    [SqliteFact]
    public async Task Backup_taken_while_an_editor_saves_is_a_consistent_database()
    {
        factory.CreateClient();
        var backup = Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, "backup.db");
        using var stop = new CancellationTokenSource();
        var saves = 0;
        var editing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var scope = factory.Services.CreateScope();
                var editor = scope.ServiceProvider.GetRequiredService<ArticleEditor>();
                var article = await editor.LoadForEditingAsync(1, default);
                var outcome = await editor.EditAsync(1, article!.Version, "Synthetic backup-test edit", a =>
                {
                    a.Summary = $"Synthetic summary {Guid.NewGuid()}";
                    return null;
                }, default);
                Assert.IsType<EditOutcome.Saved>(outcome);
                Interlocked.Increment(ref saves);
            }
        });
        // Take the backup in the middle of the editing, after at least one save has landed.
        while (Volatile.Read(ref saves) == 0 && !editing.IsCompleted)
            await Task.Delay(20);

        using (var scope = factory.Services.CreateScope())
            DatabaseBackup.CopyTo(scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>(), backup);
        stop.Cancel();
        await editing;

        Assert.True(saves > 0);
        using var copy = new SqliteConnection($"Data Source={backup};Pooling=False;Mode=ReadOnly");
        copy.Open();
        string Scalar(string sql)
        {
            using var command = copy.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(command.ExecuteScalar())!;
        }
        Assert.Equal("ok", Scalar("PRAGMA integrity_check;"));
        var version = int.Parse(Scalar("SELECT Version FROM Articles WHERE Id = 1;"));
        Assert.Equal(version.ToString(), Scalar("SELECT max(Version) FROM Revisions WHERE ArticleId = 1;"));
        Assert.Equal("9", Scalar("SELECT count(*) FROM Citations WHERE ArticleId = 1;"));
        Assert.StartsWith("Synthetic summary", Scalar("SELECT Summary FROM Articles WHERE Id = 1;"));
    }

    [SqliteFact]
    public void Backup_refuses_to_overwrite_the_live_database()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GutImmuneDbContext>();

        Assert.Throws<ArgumentException>(() => DatabaseBackup.CopyTo(db, factory.DatabasePath));
    }
}
