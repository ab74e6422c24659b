using LiveWatch.Contracts.Ingest;
using LiveWatch.Grains.Risk;

namespace LiveWatch.Grains.Monitoring;

/// <summary>What a stream's grain persists: risk, delivery cursor, counters and the open incident.</summary>
[GenerateSerializer]
public sealed class StreamMonitorState
{
    /// <summary>False until the first frame or registration: the risk state's clock starts then.</summary>
    [Id(0)]
    public bool Started { get; set; }

    [Id(1)]
    public RiskState Risk { get; set; }

    [Id(2)]
    public DeliveryCursor Cursor { get; set; } = new();

    [Id(3)]
    public long FramesReceived { get; set; }

    [Id(4)]
    public long FramesMatched { get; set; }

    [Id(5)]
    public long FramesLowQuality { get; set; }

    [Id(6)]
    public long FramesNearDuplicate { get; set; }

    [Id(7)]
    public long Repeats { get; set; }

    [Id(8)]
    public DateTimeOffset? LastFrameAt { get; set; }

    /// <summary>The incident of the current episode; chosen and persisted before the incident grain is called, so a retry reuses it.</summary>
    [Id(9)]
    public Guid? OpenIncidentId { get; set; }

    [Id(10)]
    public bool Stopped { get; set; }

    /// <summary>
    /// The id the stream's next incident opens under, once chosen: it is persisted with the state as it was before
    /// the batch that opens the incident, so a retry of that batch (after a failed report, or a failed write after
    /// it) reaches the same incident. Cleared when the incident is opened and the batch's state persisted.
    /// </summary>
    [Id(11)]
    public Guid? NextIncidentId { get; set; }

    /// <summary>The preview frames wanted for the open incident; null before its first match with a stream time.</summary>
    [Id(12)]
    public PreviewEvidenceWindow? Preview { get; set; }

    /// <summary>Stream time of the latest frame, of <see cref="LatestRunId"/>.</summary>
    [Id(13)]
    public double? LatestStreamSeconds { get; set; }

    [Id(14)]
    public string? LatestRunId { get; set; }

    /// <summary>The worker's latest ingest state report (pulled streams).</summary>
    [Id(15)]
    public IngestStateReport? Ingest { get; set; }

    /// <summary>The bank entries (ids) the open incident's matches are on.</summary>
    [Id(16)]
    public HashSet<long> IncidentEntries { get; set; } = [];

    /// <summary>
    /// The bank entries of this episode's incidents a moderator dismissed; null while none was. A match on any other
    /// entry opens a new incident; one on these is the dismissed false positive again and opens nothing. Cleared with
    /// the episode (back at Clear).
    /// </summary>
    [Id(17)]
    public HashSet<long>? DismissedEntries { get; set; }
}
