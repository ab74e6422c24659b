using System.Globalization;
using LiveWatch.Ingest.Sampling;

namespace LiveWatch.Ingest.Supervision;

/// <summary>
/// Cleans what a previous incarnation of a LiveWatch worker left behind when it died without stopping its children:
/// ffmpeg processes carrying our marker whose worker is gone (they would keep pulling streams nobody reads), and the
/// preview socket folders of workers that no longer run. Call once at worker start.
/// </summary>
public static class FfmpegOrphans
{
    /// <summary>What a clean-up removed.</summary>
    public sealed record Cleanup(IReadOnlyList<int> KilledProcessIds, IReadOnlyList<string> DeletedPaths);

    /// <summary>The marker prefix of children started by the worker process <paramref name="workerPid"/>.</summary>
    public static string MarkerPrefix(int workerPid) => string.Create(CultureInfo.InvariantCulture, $"{SamplerArguments.MarkerKey}=lw{workerPid}-");

    /// <summary>Kills orphaned children and deletes stale socket folders under <paramref name="socketRoot"/>.</summary>
    public static Cleanup Clean(string socketRoot)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketRoot);
        var self = Environment.ProcessId;
        var killed = new List<int>();
        foreach (var entry in ProcessTable.Find($"{SamplerArguments.MarkerKey}=lw"))
        {
            var worker = WorkerOf(entry.CommandLine);
            // A child is ours to keep while the worker that started it is its parent and alive; reparented (to init or a
            // subreaper) means that worker is gone, whatever process now holds its pid.
            if (worker is null || worker == self || (entry.ParentPid == worker && ProcessTable.IsAlive(worker.Value)))
            {
                continue;
            }

            ProcessTable.KillTree(entry.Pid);
            killed.Add(entry.Pid);
        }

        var deleted = new List<string>();
        if (Directory.Exists(socketRoot))
        {
            foreach (var directory in Directory.EnumerateDirectories(socketRoot, "w*"))
            {
                if (!int.TryParse(Path.GetFileName(directory)[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == self || ProcessTable.IsAlive(pid))
                {
                    continue;
                }

                try
                {
                    Directory.Delete(directory, recursive: true);
                    deleted.Add(directory);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another worker cleaned it at the same moment, or it is not ours to delete.
                }
            }
        }

        return new Cleanup(killed, deleted);
    }

    private static int? WorkerOf(string commandLine)
    {
        var at = commandLine.IndexOf($"{SamplerArguments.MarkerKey}=lw", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = at + SamplerArguments.MarkerKey.Length + 3;
        var end = start;
        while (end < commandLine.Length && char.IsAsciiDigit(commandLine[end]))
        {
            end++;
        }

        return int.TryParse(commandLine.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }
}
