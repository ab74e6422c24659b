namespace LiveWatch.Ingest.Supervision;

/// <summary>Why the supervisor stopped a running child on purpose (None: it exited by itself or was cancelled).</summary>
internal enum ChildStop
{
    None,
    Stalled,
    PolicyChanged,
    KeyframeFallback,
}
