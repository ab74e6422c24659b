namespace LiveWatch.Sdk.Client.Models;

/// <summary>Life cycle of a monitored stream; the names are the API's (sent as strings).</summary>
public enum StreamState
{
    /// <summary>Registered, nothing received yet.</summary>
    Registered = 0,

    /// <summary>Ingest is connecting to the source.</summary>
    Starting = 1,

    /// <summary>Frames or hashes are arriving.</summary>
    Live = 2,

    /// <summary>Connected but no frames for a while.</summary>
    Stalled = 3,

    /// <summary>Ingest lost the source and is trying again.</summary>
    Reconnecting = 4,

    /// <summary>The source ended the stream.</summary>
    Ended = 5,

    /// <summary>Ingest gave up after errors.</summary>
    Failed = 6,

    /// <summary>Stopped on request; pushes are refused until it is registered again.</summary>
    Stopped = 7,
}
