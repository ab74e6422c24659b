namespace LiveWatch.Ingest.Supervision;

/// <summary>Why the supervisor stopped a running child on purpose (None: it exited by itself or was cancelled).</summary>
internal enum ChildStop
{
    None,
    Stalled,
    PolicyChanged,
    KeyframeFallback,

    /// <summary>The source sends more than the bitrate cap: permanent, like the resolution cap.</summary>
    BitrateCap,
}
