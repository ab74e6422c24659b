namespace LiveWatch.Storage.Stores;

/// <summary>The webhook event types (the envelope's <c>type</c> and the <c>LiveWatch-Event-Type</c> header).</summary>
public static class WebhookEventTypes
{
    /// <summary>An incident was opened on a stream.</summary>
    public const string IncidentOpened = "incident.opened";

    /// <summary>An open incident got new matches or a new level.</summary>
    public const string IncidentUpdated = "incident.updated";

    /// <summary>A moderator (or the platform's API key) decided: assigned, confirmed, dismissed, escalated.</summary>
    public const string IncidentDecided = "incident.decided";

    /// <summary>LiveWatch asks the platform to terminate or blur a stream.</summary>
    public const string StreamAction = "stream.action";

    /// <summary>A stream's state changed (registered, live, stalled, ended, stopped...).</summary>
    public const string StreamState = "stream.state";
}
