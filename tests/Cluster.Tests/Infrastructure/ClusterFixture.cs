using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LiveWatch.Tests.Common;
using Npgsql;

namespace LiveWatch.Cluster.Tests.Infrastructure;

/// <summary>
/// A LiveWatch cluster of real processes on loopback, configured as an operator would (environment only): Redis
/// (membership, grain state, reminders), PostgreSQL (moderation store, migrated with <c>db migrate</c>) and two silos
/// in Redis mode (more, and stand-alone ingest workers, in <see cref="LiveClusterFixture"/>). A global bank holds one
/// benign hash that stands in for known material.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    /// <summary>A benign hash standing in for a known one (the bank's only entry).</summary>
    public const string KnownHash = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

    /// <summary>Far from <see cref="KnownHash"/>: never matches.</summary>
    public const string UnknownHash = "0707070f1f0b57b0f9c8f5ddfc709c0f4c91d12a699de1e2cc194c63b16364dd";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"livewatch-cluster-tests-{Guid.NewGuid():N}");
    private PostgresServer? _postgres;
    private string _adminToken = string.Empty;

    internal RedisServer Redis { get; private set; } = null!;

    internal IReadOnlyList<SiloProcess> Silos { get; private set; } = [];

    /// <summary>Stand-alone ingest workers (none unless a derived cluster asks for them).</summary>
    internal IReadOnlyList<WorkerProcess> Workers { get; private set; } = [];

    /// <summary>Where the cluster's processes keep their data; removed at the end.</summary>
    internal string Root => _root;

    /// <summary>The global bank's id (it holds <see cref="KnownHash"/>).</summary>
    internal string KnownBank { get; private set; } = string.Empty;

    protected virtual int SiloCount => 2;

    protected virtual int WorkerCount => 0;

    /// <summary>The moderation store's server (stopped and started again by the outage test).</summary>
    internal PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("The cluster is not started.");

    internal string StoreConnectionString { get; private set; } = string.Empty;

    /// <summary>What every silo gets, as <c>scripts/cluster.sh</c> sets it, plus failure detection tuned for tests.</summary>
    internal Dictionary<string, string> Environment { get; } = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        Redis = new RedisServer(Path.Combine(_root, "redis"));
        await Redis.StartAsync();
        _postgres = await PostgresServer.StartAsync(Path.Combine(_root, "pg"), maxConnections: 100);
        var admin = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _postgres.Port, Username = "postgres", Database = "postgres" };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE livewatch", connection);
            await create.ExecuteNonQueryAsync();
        }

        StoreConnectionString = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = "livewatch" }.ConnectionString;
        Environment["LiveWatch__Cluster__Clustering"] = "Redis";
        Environment["ConnectionStrings__Redis"] = Redis.ConnectionString;
        Environment["Storage__Provider"] = "Postgres";
        Environment["ConnectionStrings__LiveWatch"] = StoreConnectionString;
        Environment["LiveWatch__Evidence__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        // A crashed silo is declared dead after two missed one-second probes rather than three of five seconds.
        Environment["LiveWatch__Cluster__ProbeTimeout"] = "00:00:01";
        Environment["LiveWatch__Cluster__MissedProbesLimit"] = "2";
        // Every batch persists the stream's state (one tick: even the batch right after activation), so "state after
        // a crash" is exactly "state before it". By default counters persist every 10 s and on every level change.
        Environment["LiveWatch__Streams__PersistInterval"] = "00:00:00.0000001";
        Environment["Logging__LogLevel__Default"] = "Warning";
        Configure(Environment);

        // The operator's step before any silo starts: silos of a cluster do not migrate PostgreSQL themselves.
        var (exitCode, output) = await RunSiloCommandAsync(["db", "migrate"]);
        Assert.True(exitCode == 0, $"db migrate exited with {exitCode}:\n{output}");

        Silos = [.. Enumerable.Range(1, SiloCount).Select(NewSilo)];
        Workers = [.. Enumerable.Range(1, WorkerCount).Select(i => new WorkerProcess(i, Path.Combine(_root, $"worker-{i.ToString(CultureInfo.InvariantCulture)}"), Environment))];

        // The first silo alone: it creates the operator key, and every grain of the set-up runs on it, so its bank
        // replica is known to hold the bank before the second silo (which loads banks before it is ready) joins.
        Silos[0].Start();
        await Silos[0].WaitReadyAsync();
        _adminToken = (await File.ReadAllTextAsync(Path.Combine(Silos[0].DataDirectory, "admin-api-key"))).Trim();
        var bank = await AdminPostAsync(Silos[0], "/api/v1/admin/banks", new JsonObject { ["name"] = "known" });
        KnownBank = bank["id"]!.ToString();
        await AdminPostAsync(Silos[0], $"/api/v1/admin/banks/{KnownBank}/entries", new JsonObject { ["hash"] = KnownHash });
        var probe = new PlatformApi(Silos[0], await CreateTenantAsync("probe"));
        (await probe.RegisterStreamAsync("replica-probe")).EnsureSuccessStatusCode();
        var sequence = 0L;
        await Poll.UntilAsync(
            async () =>
            {
                // The unknown hash first: a frame too close to the previous one reuses its (unmatched) result.
                using var response = await probe.PushHashesAsync("replica-probe", "probe", (++sequence, UnknownHash), (++sequence, KnownHash));
                return response.IsSuccessStatusCode ? (int)(await PlatformApi.ReadAsync(response))!["matched"]! : 0;
            },
            matched => matched > 0,
            "the first silo's bank replica to hold the known hash");
        await SeedAsync(Silos[0]);

        foreach (var silo in Silos.Skip(1))
        {
            silo.Start();
            await silo.WaitReadyAsync();
        }

        foreach (var worker in Workers)
        {
            worker.Start();
        }
    }

    /// <summary>Restarts whatever an earlier test stopped or killed (same ports) and waits until every silo is ready.</summary>
    internal async Task EnsureAllRunningAsync()
    {
        if (!Redis.IsRunning)
        {
            await Redis.StartAsync();
        }

        foreach (var silo in Silos.Where(s => !s.IsRunning))
        {
            silo.Start();
        }

        foreach (var silo in Silos)
        {
            await silo.WaitReadyAsync();
        }

        foreach (var worker in Workers.Where(w => !w.IsRunning))
        {
            worker.Start();
        }
    }

    /// <summary>A new tenant (platform) and its API key, through the operator API of the first running silo.</summary>
    internal async Task<string> CreateTenantAsync(string id)
    {
        var silo = Silos.First(s => s.IsRunning);
        await AdminPostAsync(silo, "/api/v1/admin/tenants", new JsonObject { ["id"] = id, ["name"] = $"Tenant {id}" });
        var key = await AdminPostAsync(silo, $"/api/v1/admin/tenants/{id}/keys", new JsonObject { ["name"] = "tests" });
        return (string)key["token"]!;
    }

    /// <summary>
    /// The silo that runs a stream's grain, as an operator finds it in the logs: the grain logs, on its silo, the
    /// incident it opens.
    /// </summary>
    internal SiloProcess HostOf(string tenant, string stream)
    {
        var line = $"Stream {tenant}/{stream}: opening incident";
        var hosts = Silos.Where(s => s.Output.Any(l => l.Contains(line, StringComparison.Ordinal))).ToList();
        Assert.True(hosts.Count == 1, $"expected one silo to have logged '{line}', found {hosts.Count}");
        return hosts[0];
    }

    /// <summary>Runs the silo binary with the cluster's settings (e.g. <c>db migrate</c>) and returns its exit code and output.</summary>
    internal async Task<(int ExitCode, string Output)> RunSiloCommandAsync(string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SiloProcess.SiloDll());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? Environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["LiveWatch__DataDirectory"] = Path.Combine(_root, $"command-{Guid.NewGuid():N}");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in Workers)
        {
            worker.Dispose();
        }

        foreach (var silo in Silos)
        {
            silo.Dispose();
        }

        await Redis.StopAsync();
        if (_postgres is not null)
        {
            await _postgres.StopAndDeleteAsync();
        }

        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>Settings a derived cluster adds to (or changes in) every process's environment.</summary>
    protected virtual void Configure(Dictionary<string, string> environment)
    {
    }

    /// <summary>Set-up a derived cluster needs once the first silo runs with the bank, before the others start.</summary>
    private protected virtual Task SeedAsync(SiloProcess first) => Task.CompletedTask;

    private SiloProcess NewSilo(int index) =>
        new(index, Path.Combine(_root, $"silo-{index.ToString(CultureInfo.InvariantCulture)}"), Environment);

    /// <summary>An operator's GET (e.g. the ingest scheduler's overview) through <paramref name="silo"/>.</summary>
    internal async Task<JsonNode> AdminGetAsync(SiloProcess silo, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminToken);
        using var response = await silo.Http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await PlatformApi.ReadAsync(response))!;
    }

    internal async Task<JsonNode> AdminPostAsync(SiloProcess silo, string path, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminToken);
        using var response = await silo.Http.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await PlatformApi.ReadAsync(response))!;
    }
}
