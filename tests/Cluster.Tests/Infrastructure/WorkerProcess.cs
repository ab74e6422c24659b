using System.Diagnostics;

namespace LiveWatch.Cluster.Tests.Infrastructure;

/// <summary>
/// One stand-alone ingest worker as an operator runs it (<c>dotnet LiveWatch.Ingest.dll</c>, as
/// <c>scripts/cluster.sh</c> starts it): an Orleans client that finds the silos' gateways through Redis.
/// </summary>
internal sealed class WorkerProcess(int index, string dataDirectory, IReadOnlyDictionary<string, string> environment)
    : HostProcess(index, dataDirectory, environment)
{
    public string WorkerId => $"worker-{Index}";

    protected override ProcessStartInfo StartInfo() => new("dotnet", [OwnBuild("Ingest", "LiveWatch.Ingest.dll")]);

    protected override void AddSettings(IDictionary<string, string?> environment)
    {
        environment["LiveWatch__Ingest__Worker__WorkerId"] = WorkerId;
        // Silos of a cluster with stand-alone workers run none themselves; the workers do.
        environment["LiveWatch__Ingest__Worker__Enabled"] = "true";
    }
}
