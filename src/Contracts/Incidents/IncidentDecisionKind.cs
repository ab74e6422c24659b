namespace LiveWatch.Contracts.Incidents;

/// <summary>What a moderator (or a platform's API key) decides about an incident.</summary>
public enum IncidentDecisionKind
{
    /// <summary>Assign to someone (or, with no assignee, unassign). Any state but Closed.</summary>
    Assign = 0,

    /// <summary>The match is real. From Open or Escalated.</summary>
    Confirm = 1,

    /// <summary>A false positive (a reason is required); optionally its frames go to the tenant's negative bank. From Open or Escalated.</summary>
    Dismiss = 2,

    /// <summary>Hand it to a senior reviewer or the platform's trust and safety team. From Open.</summary>
    Escalate = 3,

    /// <summary>Ask the platform to terminate or blur the stream (a <c>stream.action</c> webhook). Not on a dismissed or closed incident.</summary>
    RequestStreamAction = 4,
}
