using System.Diagnostics.Metrics;

namespace LiveWatch.Grains.Telemetry;

/// <summary>
/// The <c>livewatch.*</c> instruments of the monitoring core, on one meter named <see cref="MeterName"/> (the silo's
/// OpenTelemetry setup listens to it). Created through <see cref="IMeterFactory"/> so each host (and each test silo)
/// has its own.
/// </summary>
public sealed class LiveWatchMetrics
{
    public const string MeterName = "LiveWatch";

    public LiveWatchMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        FramesReceived = meter.CreateCounter<long>("livewatch.frames.received", "{frame}", "Frames and pushed hashes accepted by stream grains (repeats excluded).");
        FramesHashed = meter.CreateCounter<long>("livewatch.frames.hashed", "{frame}", "Frames whose PDQ hash the stream grain computed (pushed hashes excluded).");
        FramesRepeated = meter.CreateCounter<long>("livewatch.frames.repeated", "{frame}", "Frames dropped because their (run, sequence) was already processed.");
        FramesSkipped = meter.CreateCounter<long>("livewatch.frames.skipped", "{frame}", "Frames not matched, by reason (low_quality, near_duplicate).");
        Matches = meter.CreateCounter<long>("livewatch.matches", "{match}", "Frames that matched a bank, by bank id.");
        LevelChanges = meter.CreateCounter<long>("livewatch.risk.level_changes", "{change}", "Risk level changes, by level reached.");
        IncidentsOpened = meter.CreateCounter<long>("livewatch.incidents.opened", "{incident}", "Incidents opened.");
        BatchDuration = meter.CreateHistogram<double>("livewatch.ingest.batch.duration", "ms", "Time a stream grain spends on one batch, store writes included.");
        FrameToIncident = meter.CreateHistogram<double>("livewatch.frame_to_incident.duration", "ms",
            "From the stream grain accepting the frame that opened an incident to the incident being durable in the moderation store.");
    }

    public Counter<long> FramesReceived { get; }

    public Counter<long> FramesHashed { get; }

    public Counter<long> FramesRepeated { get; }

    public Counter<long> FramesSkipped { get; }

    public Counter<long> Matches { get; }

    public Counter<long> LevelChanges { get; }

    public Counter<long> IncidentsOpened { get; }

    public Histogram<double> BatchDuration { get; }

    /// <summary>The latency a moderator waits on LiveWatch itself (not on ingest) before an incident can be shown.</summary>
    public Histogram<double> FrameToIncident { get; }
}
