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

    protected override ProcessStartInfo StartInfo()
    {
        // The worker's own build: only an executable build has its runtimeconfig (the silo's copy is a library).
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(Repository.Root, "src", "Ingest", "bin", configuration, "net10.0", "LiveWatch.Ingest.dll");
        if (!File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
        {
            throw new FileNotFoundException("The ingest worker is not built; build the solution first.", dll);
        }

        return new ProcessStartInfo("dotnet", [dll]);
    }

    protected override void AddSettings(IDictionary<string, string?> environment)
    {
        environment["LiveWatch__Ingest__Worker__WorkerId"] = WorkerId;
        // Silos of a cluster with stand-alone workers run none themselves; the workers do.
        environment["LiveWatch__Ingest__Worker__Enabled"] = "true";
    }
}
