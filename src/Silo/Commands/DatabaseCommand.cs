using LiveWatch.Silo.Hosting;
using LiveWatch.Storage.Hosting;
using Microsoft.Extensions.Options;

namespace LiveWatch.Silo.Commands;

/// <summary>
/// <c>LiveWatch.Silo db migrate|status</c>: the operator applies (or lists) the moderation store's migrations before
/// starting silos. A cluster's silos do not migrate PostgreSQL on start (<c>Storage:MigrateOnStart</c> is false there
/// by default) so that several silos starting together never race on a schema change. Same configuration sources as
/// the silo (appsettings.json, environment, <c>--Key=value</c>), so the same settings reach the same database.
/// </summary>
internal static class DatabaseCommand
{
    private const string Usage =
        "usage: LiveWatch.Silo db migrate [--Storage:Provider=Postgres --ConnectionStrings:LiveWatch=...]   apply pending migrations\n" +
        "       LiveWatch.Silo db status  [same settings]                                                 list pending migrations (exit 3 if any)";

    public static bool Matches(string[] args) => args is ["db", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["db", "migrate" or "status", .. var settings] || settings.Any(s => !s.StartsWith("--", StringComparison.Ordinal)))
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(settings);

        // EF Core logs every statement at Information; the migrator's own lines say what happens.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        var silo = builder.Configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        if (string.IsNullOrEmpty(builder.Configuration["Storage:DataDirectory"]))
        {
            // The SQLite file the single node would use.
            builder.Configuration.AddInMemoryCollection([new("Storage:DataDirectory", Path.GetFullPath(silo.DataDirectory))]);
        }

        try
        {
            builder.Services.AddLiveWatchStorage(builder.Configuration);
            using var host = builder.Build();
            var migrator = host.Services.GetRequiredService<IStorageMigrator>();
            var pending = await migrator.GetPendingMigrationsAsync().ConfigureAwait(false);
            if (args[1] == "status")
            {
                Console.WriteLine(pending.Count == 0 ? "up to date" : $"{pending.Count} pending: {string.Join(", ", pending)}");
                return pending.Count == 0 ? 0 : 3;
            }

            await migrator.MigrateAsync().ConfigureAwait(false);
            Console.WriteLine(pending.Count == 0 ? "up to date: nothing to apply" : $"applied {pending.Count} migration(s): {string.Join(", ", pending)}");
            return 0;
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync($"error: {string.Join(" ", e.Failures)}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"error: the moderation store could not be migrated: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
