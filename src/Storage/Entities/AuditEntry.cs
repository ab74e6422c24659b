namespace LiveWatch.Storage.Entities;

/// <summary>
/// Who did what to which subject. Append-only: the context refuses to save a changed or deleted entry, and database
/// triggers refuse UPDATE and DELETE from anywhere else.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Strictly increasing, never reused, may have gaps.</summary>
    public long Sequence { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The tenant concerned; null for operator-level actions.</summary>
    public string? TenantId { get; set; }

    /// <summary>Who: a user, an API key (<c>key:&lt;id&gt;</c>) or a system component (<c>system:&lt;name&gt;</c>).</summary>
    public required string Actor { get; set; }

    /// <summary>What, as a dotted verb (for example <c>incident.state-changed</c>).</summary>
    public required string Action { get; set; }

    /// <summary>Type of the subject (for example <c>incident</c>).</summary>
    public required string SubjectType { get; set; }

    /// <summary>Id of the subject.</summary>
    public required string SubjectId { get; set; }

    /// <summary>Details as a JSON document.</summary>
    public required string Details { get; set; }
}
