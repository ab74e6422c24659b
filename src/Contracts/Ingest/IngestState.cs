namespace LiveWatch.Contracts.Ingest;

/// <summary>What the ingest side knows about a pulled stream's source (reported by the worker that samples it).</summary>
public enum IngestState
{
    /// <summary>The ffmpeg child is starting or connecting; no frame yet.</summary>
    Starting = 0,

    /// <summary>Frames arrive.</summary>
    Live = 1,

    /// <summary>No frame for longer than the stall timeout; the child is being restarted.</summary>
    Stalled = 2,

    /// <summary>The child exited (crash, dropped connection); waiting out the backoff before the next attempt.</summary>
    Reconnecting = 3,

    /// <summary>The source ended the stream normally (end of file, publisher finished).</summary>
    Ended = 4,

    /// <summary>The restart budget is spent; the reason carries ffmpeg's last error lines.</summary>
    Failed = 5,
}
