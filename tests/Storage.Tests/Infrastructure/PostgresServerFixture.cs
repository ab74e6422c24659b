using System.Net;
using System.Net.Sockets;
using LiveWatch.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LiveWatch.Storage.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run: initdb and pg_ctl from Debian's server package, on 127.0.0.1 at a
/// free port, in a temp directory, with durability off (it is thrown away). A template database is migrated once;
/// each test class gets a copy of it. Fails, never skips, when the server binaries are missing.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    public const string TemplateDatabase = "livewatch_template";

    private const string InstallHint =
        "The PostgreSQL tests need the PostgreSQL server binaries (initdb, pg_ctl) and found none under " +
        "/usr/lib/postgresql/*/bin. Install Debian's server package: 'apt-get install -y postgresql' (on Debian 12 it " +
        "brings postgresql-15), or set LIVEWATCH_PG_BINDIR to a directory that holds initdb and pg_ctl.";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"livewatch-pg-{Guid.NewGuid():N}");
    private string? _binDirectory;
    private bool _runAsPostgres;
    private bool _started;

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    public string AdminConnectionString { get; private set; } = string.Empty;

    private string DataDirectory => Path.Combine(_root, "data");

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("LIVEWATCH_PG_BINDIR");
        _binDirectory = FindBinDirectory(configured) ?? throw new InvalidOperationException(
            string.IsNullOrWhiteSpace(configured)
                ? InstallHint
                : $"LIVEWATCH_PG_BINDIR is '{configured}', which holds no pg_ctl and initdb. Point it at PostgreSQL's bin directory, or unset it to use Debian's /usr/lib/postgresql/*/bin.");
        Directory.CreateDirectory(_root);

        // initdb refuses to run as root: hand the directory to the postgres user and run the tools as that user.
        _runAsPostgres = Environment.UserName == "root";
        if (_runAsPostgres)
        {
            await ProcessRunner.RunAsync("chown", ["-R", "postgres:postgres", _root], TimeSpan.FromSeconds(30));
        }

        await RunToolAsync("initdb", ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], TimeSpan.FromMinutes(2));
        var port = FreePort();
        var serverOptions = $"-p {port} -c listen_addresses=127.0.0.1 -k {_root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-o", serverOptions, "-w", "-t", "60", "start"], TimeSpan.FromSeconds(90));
        _started = true;

        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            Timeout = 30,
            CommandTimeout = 60,
            MaxPoolSize = 20,
        }.ConnectionString;

        await ExecuteAdminAsync($"CREATE DATABASE \"{TemplateDatabase}\"");
        var builder = new DbContextOptionsBuilder<PostgresLiveWatchDbContext>();
        PostgresLiveWatchDbContext.Configure(builder, ConnectionStringFor(TemplateDatabase));
        await using (var context = new PostgresLiveWatchDbContext(builder.Options))
        {
            await context.Database.MigrateAsync();
        }

        // CREATE DATABASE ... TEMPLATE needs the template to have no sessions.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Creates a database, migrated (a copy of the template) or empty.</summary>
    public async Task<string> CreateDatabaseAsync(bool migrated = true)
    {
        var name = $"livewatch_{Guid.NewGuid():N}";
        await ExecuteAdminAsync(migrated ? $"CREATE DATABASE \"{name}\" TEMPLATE \"{TemplateDatabase}\"" : $"CREATE DATABASE \"{name}\"");
        return name;
    }

    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_started)
        {
            try
            {
                await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], TimeSpan.FromSeconds(60));
            }
            catch (InvalidOperationException)
            {
                // Already gone; the directory is removed below either way.
            }
        }

        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private Task<string> RunToolAsync(string tool, string[] arguments, TimeSpan timeout)
    {
        var path = Path.Combine(_binDirectory!, tool);
        return _runAsPostgres
            ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], timeout)
            : ProcessRunner.RunAsync(path, arguments, timeout);
    }

    private static string? FindBinDirectory(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(Path.Combine(configured, "pg_ctl")) && File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        }

        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        // The newest installed major version.
        return Directory.GetDirectories(root)
            .Select(d => (Directory: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
            .Where(c => File.Exists(Path.Combine(c.Directory, "pg_ctl")) && File.Exists(Path.Combine(c.Directory, "initdb")))
            .OrderByDescending(c => c.Version)
            .Select(c => c.Directory)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
