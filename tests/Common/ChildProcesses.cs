using System.Globalization;

namespace LiveWatch.Tests.Common;

/// <summary>Live processes read from /proc: ffmpeg children of a node, a worker or a decode.</summary>
internal static class ChildProcesses
{
    /// <summary>Pids of live children of <paramref name="parent"/> whose command line contains <paramref name="text"/>.</summary>
    public static IReadOnlyList<int> Of(int parent, string text) => Find(text, parent);

    /// <summary>Pids of live processes (children of <paramref name="parent"/> when given) whose command line contains <paramref name="text"/>.</summary>
    public static IReadOnlyList<int> Find(string text, int? parent = null)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var zombie = fields[0] == "Z";
                if (zombie || (parent is { } p && int.Parse(fields[1], CultureInfo.InvariantCulture) != p))
                {
                    continue;
                }

                if (File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Contains(text, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // Gone while we looked.
            }
        }

        return found;
    }
}
