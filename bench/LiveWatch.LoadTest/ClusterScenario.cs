using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Ingest.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveWatch.LoadTest;

/// <summary>
/// The throughput scenario against a cluster of real silo processes (<c>scripts/cluster.sh start N</c>): the bank is
/// imported through the operator API, and the load generator drives the stream grains as an Orleans client, the way
/// ingest workers do. Its figures, with 1, 2 and 3 silos, are the capacity model's (docs/performance.md).
/// </summary>
public static class ClusterScenario
{
    private const string Tenant = InProcessSilo.Tenant;

    public static async Task RunAsync(IReadOnlyList<FramePicture> traffic, LoadTestOptions options, TextWriter log)
    {
        var cluster = ReadEnvironment(options.ClusterEnv);
        var silos = Enumerable.Range(1, int.Parse(cluster["SILOS"], CultureInfo.InvariantCulture))
            .Select(i => int.Parse(cluster[$"SILO_{i}_PID"], CultureInfo.InvariantCulture))
            .ToList();
        log.WriteLine($"cluster: {silos.Count} silos (pids {string.Join(", ", silos)}), Redis {cluster["ConnectionStrings__Redis"]}, API {cluster["LIVEWATCH_API"]}");

        await SeedAsync(cluster, options, log).ConfigureAwait(false);

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LiveWatch:Cluster:Clustering"] = "Redis",
            ["ConnectionStrings:Redis"] = cluster["ConnectionStrings__Redis"],
        });
        builder.UseOrleansClient(client => client.UseLiveWatchCluster(builder.Configuration));
        using var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        try
        {
            await ThroughputScenario.RunAsync(host.Services.GetRequiredService<IClusterClient>(), silos, traffic, options, log).ConfigureAwait(false);
        }
        finally
        {
            await host.StopAsync().ConfigureAwait(false);
        }
    }

    // The cluster's own path for a bank: a global bank imported through the operator API, stored in PostgreSQL and
    // replicated to every silo, which is then waited for (each silo's replica polls the store).
    private static async Task SeedAsync(Dictionary<string, string> cluster, LoadTestOptions options, TextWriter log)
    {
        using var http = new HttpClient { BaseAddress = new Uri(cluster["LIVEWATCH_API"].TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(10) };
        var adminKey = (await File.ReadAllTextAsync(cluster["LIVEWATCH_ADMIN_KEY_FILE"]).ConfigureAwait(false)).Trim();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);

        using (var tenant = await http.PostAsJsonAsync("admin/tenants", new { id = Tenant, name = "Load test platform" }).ConfigureAwait(false))
        {
            if (tenant.StatusCode != HttpStatusCode.Conflict)
            {
                tenant.EnsureSuccessStatusCode();
            }
        }

        if (options.BankSize == 0)
        {
            return;
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"load-{options.Seed}-{options.BankSize}");
        using var banks = await http.GetAsync(new Uri("admin/banks", UriKind.Relative)).ConfigureAwait(false);
        banks.EnsureSuccessStatusCode();
        using var existing = JsonDocument.Parse(await banks.Content.ReadAsStringAsync().ConfigureAwait(false));
        if (existing.RootElement.EnumerateArray().Any(b => b.GetProperty("name").GetString() == name))
        {
            log.WriteLine($"bank {name} is already in the cluster");
            return;
        }

        var imported = Stopwatch.StartNew();
        using var created = await http.PostAsJsonAsync("admin/banks", new { name }).ConfigureAwait(false);
        created.EnsureSuccessStatusCode();
        using var bank = JsonDocument.Parse(await created.Content.ReadAsStringAsync().ConfigureAwait(false));
        var id = bank.RootElement.GetProperty("id").ToString();
        var body = new StringBuilder(options.BankSize * 65);
        foreach (var hash in RandomHashes.Generate(options.BankSize, options.Seed))
        {
            body.Append(hash.ToString()).Append('\n');
        }

        using var content = new StringContent(body.ToString(), Encoding.UTF8, "text/plain");
        using var import = await http.PostAsync(new Uri($"admin/banks/{id}/import?format=plain&name=load.txt", UriKind.Relative), content).ConfigureAwait(false);
        if (!import.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"bank import answered {(int)import.StatusCode}: {await import.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }

        log.WriteLine($"bank: {options.BankSize:N0} random hashes imported through the API in {imported.Elapsed.TotalSeconds:F1} s; waiting for every silo's replica");
        // Each silo's /health/ready is 503 until its replica is loaded; a change after that arrives within a poll or
        // two (LiveWatch:Banks:PollInterval) plus the time to apply it.
        await Task.Delay(TimeSpan.FromSeconds(10 + options.BankSize / 100_000)).ConfigureAwait(false);
    }

    private static Dictionary<string, string> ReadEnvironment(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No cluster env file at {path}: start a cluster with scripts/cluster.sh start N, or pass --cluster-env.", path);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var text = line.StartsWith("export ", StringComparison.Ordinal) ? line["export ".Length..] : line;
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && !text.StartsWith('#'))
            {
                values[text[..equals]] = text[(equals + 1)..].Trim('\'', '"').Replace("\\", string.Empty, StringComparison.Ordinal);
            }
        }

        return values;
    }
}
