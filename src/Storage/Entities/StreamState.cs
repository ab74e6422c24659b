namespace LiveWatch.Storage.Entities;

/// <summary>Life cycle of a monitored stream, as the ingest side reports it.</summary>
public enum StreamState
{
    /// <summary>Registered, not started yet.</summary>
    Registered = 0,

    /// <summary>Connecting to the source.</summary>
    Starting = 1,

    /// <summary>Frames are arriving.</summary>
    Live = 2,

    /// <summary>Connected but no frames for a while.</summary>
    Stalled = 3,

    /// <summary>Lost the source and trying again.</summary>
    Reconnecting = 4,

    /// <summary>The source ended the stream.</summary>
    Ended = 5,

    /// <summary>Gave up after errors.</summary>
    Failed = 6,

    /// <summary>Stopped on request.</summary>
    Stopped = 7,
}
