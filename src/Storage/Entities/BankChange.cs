namespace LiveWatch.Storage.Entities;

/// <summary>
/// One row of the bank change log. Every bank mutation writes its changes in the same transaction as the mutation,
/// so a matcher replica that has applied everything up to sequence S reads exactly what changed after S.
/// </summary>
public sealed class BankChange
{
    /// <summary>The change sequence: strictly increasing, never reused, may have gaps (rolled-back transactions).</summary>
    public long Sequence { get; set; }

    /// <summary>The bank that changed.</summary>
    public long BankId { get; set; }

    /// <summary>The entry, for <see cref="BankChangeKind.EntryAdded"/> and <see cref="BankChangeKind.EntryRemoved"/>.</summary>
    public long? EntryId { get; set; }

    /// <summary>What changed.</summary>
    public BankChangeKind Kind { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}
