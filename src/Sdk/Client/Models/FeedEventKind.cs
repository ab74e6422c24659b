namespace LiveWatch.Sdk.Client.Models;

/// <summary>What an event of the live feed reports; also the server-sent event's <c>event:</c> name.</summary>
public enum FeedEventKind
{
    /// <summary>An incident was opened.</summary>
    IncidentOpened = 0,

    /// <summary>An incident changed (state, matches, assignee).</summary>
    IncidentUpdated = 1,

    /// <summary>A stream's state changed.</summary>
    StreamStateChanged = 2,

    /// <summary>An incident's level changed.</summary>
    LevelChanged = 3,
}
