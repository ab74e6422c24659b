using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace LiveWatch.LoadTest;

/// <summary>What a figure depends on: the CPU, the runtime, the collector, and how busy the machine was.</summary>
public static class MachineInfo
{
    /// <summary>The 1-, 5- and 15-minute load averages from /proc/loadavg ("n/a" elsewhere).</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(' ', parts.Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    /// <summary>The 1-minute load average, or NaN where it cannot be read.</summary>
    public static double LoadAverage1()
    {
        var first = LoadAverage().Split(' ')[0];
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
    }

    public static string Describe()
    {
        var model = "unknown CPU";
        try
        {
            model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? model;
        }
        catch (IOException)
        {
            // Not Linux: the model stays unknown.
        }

        return $"{model}, {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.FrameworkDescription}, " +
               $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC";
    }

    /// <summary>How much of this process's anonymous memory sits on transparent huge pages (Linux).</summary>
    public static string HugePages()
    {
        try
        {
            var line = File.ReadLines("/proc/self/smaps_rollup").FirstOrDefault(l => l.StartsWith("AnonHugePages:", StringComparison.Ordinal));
            return line is null ? "huge pages: n/a" : $"huge pages: {line.Split(':', 2)[1].Trim()}";
        }
        catch (IOException)
        {
            return "huge pages: n/a";
        }
    }
}
