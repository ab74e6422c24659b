namespace LiveWatch.Storage.Stores;

/// <summary>Filters for reading the audit log (in sequence order).</summary>
/// <param name="From">Only entries at or after this time.</param>
/// <param name="To">Only entries before this time.</param>
/// <param name="Actor">Only this actor.</param>
/// <param name="Action">Only this action.</param>
/// <param name="AfterSequence">Only entries after this sequence (paging).</param>
/// <param name="Max">Most rows (capped at 1000).</param>
public sealed record AuditQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Actor = null,
    string? Action = null,
    long AfterSequence = 0,
    int Max = 100);
