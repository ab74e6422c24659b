namespace LiveWatch.Contracts.Feed;

/// <summary>
/// What an event of a tenant's live feed reports. The moderation store keeps the name (not the number) of each
/// event's kind, so names must never change.
/// </summary>
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
