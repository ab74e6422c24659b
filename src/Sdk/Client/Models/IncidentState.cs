namespace LiveWatch.Sdk.Client.Models;

/// <summary>Where the moderators' review of an incident stands; the names are the API's (sent as strings).</summary>
public enum IncidentState
{
    /// <summary>Opened by a match, not reviewed yet.</summary>
    Open = 0,

    /// <summary>A moderator confirmed the match.</summary>
    Confirmed = 1,

    /// <summary>A moderator found it a false positive.</summary>
    Dismissed = 2,

    /// <summary>Handed to a senior reviewer or the platform's trust and safety team.</summary>
    Escalated = 3,

    /// <summary>Reported to the authority.</summary>
    Reported = 4,

    /// <summary>Done; never changes state again.</summary>
    Closed = 5,
}
