using LiveWatch.Ingest.Supervision;

namespace LiveWatch.Ingest.Tests.Publishers;

/// <summary>Counts live ffmpeg processes by the marker the sampler puts on their command line.</summary>
internal static class FfmpegProcesses
{
    public static IReadOnlyList<ProcessTable.Entry> Carrying(string marker) =>
        ProcessTable.Find(marker).Where(e => ProcessTable.IsAlive(e.Pid)).ToList();
}
