using System.Globalization;
using LiveWatch.Tests.Common;

namespace LiveWatch.Cluster.Tests.Infrastructure;

/// <summary>
/// <c>scripts/cluster.sh</c>, run as docs/operations.md shows it, in a directory of its own and from a port base of
/// its own below the ephemeral range (where every other test's ports come from), with the tests' build.
/// </summary>
internal sealed class ClusterScript
{
    private static readonly string Script = Path.Combine(Repository.Root, "scripts", "cluster.sh");

    public ClusterScript(string directory)
    {
        Directory = directory;
        PortBase = 20000 + (Random.Shared.Next(0, 24) * 500);
    }

    /// <summary><c>LIVEWATCH_CLUSTER_DIR</c>: data, logs and <c>cluster.env</c>.</summary>
    public string Directory { get; }

    /// <summary><c>LIVEWATCH_CLUSTER_PORT_BASE</c>.</summary>
    public int PortBase { get; }

    /// <summary>Runs <c>scripts/cluster.sh <paramref name="arguments"/></c>; fails with its output unless it exits 0.</summary>
    public Task<string> RunAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(
            "env",
            [
                $"LIVEWATCH_CLUSTER_DIR={Directory}",
                $"LIVEWATCH_CLUSTER_PORT_BASE={PortBase.ToString(CultureInfo.InvariantCulture)}",
                $"LIVEWATCH_CONFIGURATION={HostProcess.Configuration}",
                Script,
                .. arguments,
            ],
            TimeSpan.FromMinutes(6));

    /// <summary>What an operator gets from <c>source cluster.env</c>: the variables it exports.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SettingsAsync()
    {
        var file = Path.Combine(Directory, "cluster.env");
        var names = (await File.ReadAllLinesAsync(file))
            .Where(line => line.StartsWith("export ", StringComparison.Ordinal))
            .Select(line => line["export ".Length..line.IndexOf('=', StringComparison.Ordinal)])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var values = await ProcessRunner.RunAsync("bash", ["-c", "source \"$1\"; shift; for name; do printf '%s\\n' \"${!name}\"; done", "bash", file, .. names], TimeSpan.FromSeconds(10));
        return names.Zip(values.Split('\n')).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    /// <summary>Whether process <paramref name="pid"/> still runs (a zombie, already dead but not reaped, does not).</summary>
    public static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
