namespace LiveWatch.Silo.Api.Models;

/// <summary>A decision on an incident (every field optional except where the decision needs it).</summary>
/// <param name="ExpectedVersion">The incident's <c>version</c> you decided on: if it changed since, the answer is 409 saying what happened.</param>
/// <param name="Reason">Why; required to dismiss (at most 2000 characters).</param>
/// <param name="Assignee">Assign: whom to (an actor id; omit or null to unassign).</param>
/// <param name="AddToNegativeBank">Dismiss: also add the matched frames' hashes to the tenant's negative bank, so they stop matching.</param>
/// <param name="Action">Stream action: <c>Terminate</c> or <c>Blur</c>.</param>
public sealed record IncidentDecisionRequest(
    long? ExpectedVersion = null,
    string? Reason = null,
    string? Assignee = null,
    bool AddToNegativeBank = false,
    string? Action = null);
