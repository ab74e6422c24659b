using LiveWatch.Hashing;
using LiveWatch.Storage.Entities;

namespace LiveWatch.Storage.Stores;

/// <summary>
/// One bank change with what a replica needs to apply it. <see cref="Bank"/> is the bank's state when read, not
/// when the change was made: a replica that applies changes in order ends at the current state either way, and every
/// later change of a setting comes with a change row of its own.
/// </summary>
/// <param name="Sequence">Change sequence.</param>
/// <param name="Kind">What changed.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Bank">The bank's current settings.</param>
/// <param name="EntryId">The entry, for entry changes.</param>
/// <param name="Hash">The entry's hash, for entry changes.</param>
/// <param name="ExternalId">The entry's external id, for entry changes.</param>
public sealed record BankChangeRecord(
    long Sequence,
    BankChangeKind Kind,
    DateTimeOffset At,
    BankInfo Bank,
    long? EntryId,
    Hash256? Hash,
    string? ExternalId);
