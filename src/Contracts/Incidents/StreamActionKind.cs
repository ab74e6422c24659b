namespace LiveWatch.Contracts.Incidents;

/// <summary>What LiveWatch asks the platform to do with a stream (the <c>stream.action</c> webhook).</summary>
public enum StreamActionKind
{
    /// <summary>End the broadcast.</summary>
    Terminate = 0,

    /// <summary>Keep it running, blurred for viewers.</summary>
    Blur = 1,
}
