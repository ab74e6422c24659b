using LiveWatch.Cluster.Tests.Infrastructure;

namespace LiveWatch.Cluster.Tests;

/// <summary>A half-configured cluster silo refuses to start and names every key to set.</summary>
[Collection(ClusterGroup.Name)]
public sealed class ClusterConfigurationTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Redis_mode_without_a_Redis_connection_string_PostgreSQL_or_an_evidence_key_stops_at_start_naming_the_keys()
    {
        var environment = new Dictionary<string, string>
        {
            ["LiveWatch__Cluster__Clustering"] = "Redis",
            ["LiveWatch__SiloPort"] = LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LiveWatch__GatewayPort"] = LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        var (exitCode, output) = await cluster.RunSiloCommandAsync(["--urls", $"http://127.0.0.1:{LoopbackPorts.Free()}"], environment);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ConnectionStrings:Redis", output, StringComparison.Ordinal);
        Assert.Contains("Storage:Provider=Postgres", output, StringComparison.Ordinal);
        Assert.Contains("LiveWatch:Evidence:Key", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_clustering_mode_stops_at_start_naming_the_key_and_the_accepted_values()
    {
        var environment = new Dictionary<string, string> { ["LiveWatch__Cluster__Clustering"] = "Consul" };

        var (exitCode, output) = await cluster.RunSiloCommandAsync(["--urls", $"http://127.0.0.1:{LoopbackPorts.Free()}"], environment);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("LiveWatch:Cluster:Clustering is 'Consul'; use 'Localhost' (one node) or 'Redis' (a cluster).", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Db_status_reports_an_up_to_date_store_after_db_migrate()
    {
        var (exitCode, output) = await cluster.RunSiloCommandAsync(["db", "status"]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("up to date", output, StringComparison.Ordinal);
    }
}
