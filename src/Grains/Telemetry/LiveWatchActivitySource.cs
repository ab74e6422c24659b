using System.Diagnostics;

namespace LiveWatch.Grains.Telemetry;

/// <summary>
/// The spans of the monitoring core, on one <see cref="ActivitySource"/> named <see cref="Name"/> (the silo's
/// OpenTelemetry setup listens to it). Static because an activity source is process-wide by nature: listeners choose
/// by name, so several test silos in one process share it without harm. With Orleans activity propagation, a span
/// started by an API request is the parent of the batch span, and through it of the incident and store spans.
/// </summary>
public static class LiveWatchActivitySource
{
    public const string Name = "LiveWatch";

    /// <summary>One batch of frames or pushed hashes in a stream's grain, incident report included.</summary>
    public const string StreamBatch = "livewatch.stream.batch";

    /// <summary>One report to an incident's grain: the incident opened or updated.</summary>
    public const string IncidentReport = "livewatch.incident.report";

    /// <summary>A moderator's decision on an incident (its grain's transaction).</summary>
    public const string IncidentDecision = "livewatch.incident.decision";

    /// <summary>The moderation-store transaction that makes an incident report durable.</summary>
    public const string StoreTransaction = "livewatch.store.transaction";

    internal static ActivitySource Source { get; } = new(Name);
}
