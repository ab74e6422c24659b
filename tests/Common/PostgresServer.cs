using System.Net;
using System.Net.Sockets;

namespace LiveWatch.Tests.Common;

/// <summary>
/// A throwaway PostgreSQL server: initdb and pg_ctl from Debian's server package, on 127.0.0.1 at a free port, in a
/// directory of its own. Shared (as a linked file) by the test projects that need a real server; each wraps it in the
/// fixture it needs. Fails, never skips, when the server binaries are missing.
/// </summary>
internal sealed class PostgresServer
{
    private const string InstallHint =
        "The PostgreSQL tests need the PostgreSQL server binaries (initdb, pg_ctl) and found none under " +
        "/usr/lib/postgresql/*/bin. Install Debian's server package: 'apt-get install -y postgresql' (on Debian 12 it " +
        "brings postgresql-15), or set LIVEWATCH_PG_BINDIR to a directory that holds initdb and pg_ctl.";

    private readonly string _binDirectory;
    private readonly bool _runAsPostgres;
    private bool _started;
    private string _options = string.Empty;

    private PostgresServer(string root, string binDirectory, bool runAsPostgres)
    {
        Root = root;
        _binDirectory = binDirectory;
        _runAsPostgres = runAsPostgres;
    }

    public string Root { get; }

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(Root, "data");

    /// <summary>
    /// Initializes and starts a server in <paramref name="root"/> (created), with the user <c>postgres</c> trusted on
    /// loopback. Durability is off (fsync, synchronous commit): the server is thrown away, and a crash of the machine
    /// is not what these tests are about.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(string root, int maxConnections = 200)
    {
        var configured = Environment.GetEnvironmentVariable("LIVEWATCH_PG_BINDIR");
        var bin = FindBinDirectory(configured) ?? throw new InvalidOperationException(
            string.IsNullOrWhiteSpace(configured)
                ? InstallHint
                : $"LIVEWATCH_PG_BINDIR is '{configured}', which holds no pg_ctl and initdb. Point it at PostgreSQL's bin directory, or unset it to use Debian's /usr/lib/postgresql/*/bin.");
        Directory.CreateDirectory(root);

        // initdb refuses to run as root: hand the directory to the postgres user and run the tools as that user.
        var server = new PostgresServer(root, bin, Environment.UserName == "root");
        if (server._runAsPostgres)
        {
            await ProcessRunner.RunAsync("chown", ["-R", "postgres:postgres", root], TimeSpan.FromSeconds(30));
        }

        await server.RunToolAsync("initdb", ["-D", server.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], TimeSpan.FromMinutes(2));
        server.Port = FreePort();
        server._options = $"-p {server.Port} -c listen_addresses=127.0.0.1 -k {root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections={maxConnections}";
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server again on its data and port after <see cref="StopAsync"/> (an outage ends).</summary>
    public async Task StartAgainAsync()
    {
        await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(Root, "server.log"), "-o", _options, "-w", "-t", "60", "start"], TimeSpan.FromSeconds(90));
        _started = true;
    }

    /// <summary>Stops the server, keeping its data (an outage begins); connections are cut at once.</summary>
    public async Task StopAsync()
    {
        await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"], TimeSpan.FromSeconds(60));
        _started = false;
    }

    /// <summary>Stops the server (immediately: nothing in it is kept) and deletes its directory.</summary>
    public async Task StopAndDeleteAsync()
    {
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

            _started = false;
        }

        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private Task<string> RunToolAsync(string tool, string[] arguments, TimeSpan timeout)
    {
        var path = Path.Combine(_binDirectory, tool);
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
