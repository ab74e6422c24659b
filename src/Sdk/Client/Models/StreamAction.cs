namespace LiveWatch.Sdk.Client.Models;

/// <summary>What a moderator asks the platform to do with a stream (the <c>stream.action</c> webhook carries it).</summary>
public enum StreamAction
{
    /// <summary>End the broadcast.</summary>
    Terminate = 0,

    /// <summary>Keep it running, blurred for viewers.</summary>
    Blur = 1,
}
