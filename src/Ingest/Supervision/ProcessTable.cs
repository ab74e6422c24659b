using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace LiveWatch.Ingest.Supervision;

/// <summary>
/// The processes on this (Linux) machine as /proc shows them: enough to find our ffmpeg children by the marker on
/// their command line and to stop them with escalating signals. FFMpegCore does not expose the child's pid.
/// </summary>
public static class ProcessTable
{
    private const int SigTerm = 15;

    /// <summary>One process: its id, parent's id and command line (arguments joined by spaces).</summary>
    public readonly record struct Entry(int Pid, int ParentPid, string CommandLine);

    /// <summary>The processes whose command line contains <paramref name="text"/>; empty where /proc does not exist.</summary>
    public static IReadOnlyList<Entry> Find(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var found = new List<Entry>();
        if (!Directory.Exists("/proc"))
        {
            return found;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim();
                if (!commandLine.Contains(text, StringComparison.Ordinal))
                {
                    continue;
                }

                found.Add(new Entry(pid, ParentOf(pid), commandLine));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process exited while we looked.
            }
        }

        return found;
    }

    /// <summary>Whether a process with this id exists (a zombie counts as gone).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>The parent process id, or 0 when unknown.</summary>
    public static int ParentOf(int pid)
    {
        try
        {
            // "pid (comm) state ppid ...": comm may contain spaces and parentheses, so parse after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Stops the processes carrying <paramref name="marker"/> and their descendants: SIGTERM, then SIGKILL to whatever is
    /// still alive after <paramref name="grace"/> (a stalled ffmpeg can ignore 'q' and SIGTERM). Returns the pids signalled.
    /// </summary>
    public static async Task<IReadOnlyList<int>> StopAsync(string marker, TimeSpan grace, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var targets = Find(marker).Select(e => e.Pid).ToList();
        if (targets.Count == 0)
        {
            return targets;
        }

        foreach (var pid in targets)
        {
            _ = Kill(pid, SigTerm);
        }

        var deadline = time.GetTimestamp() + (long)(grace.TotalSeconds * time.TimestampFrequency);
        while (targets.Any(IsAlive) && time.GetTimestamp() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(25), time).ConfigureAwait(false);
        }

        foreach (var pid in targets.Where(IsAlive))
        {
            KillTree(pid);
        }

        return targets;
    }

    /// <summary>SIGKILL to a process and all its descendants.</summary>
    public static void KillTree(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
