namespace LiveWatch.Contracts.Incidents;

/// <summary>
/// Who decides: a stable id (a user id, or <c>apikey:&lt;prefix&gt;</c> for an API key), the name people see, and the
/// role they act in (Moderator, Lead, Admin for dashboard users; Platform or Admin for API keys). Written to the audit
/// log and the webhook with every decision.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DecisionActor(
    [property: Id(0)] string Id,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string Role);
