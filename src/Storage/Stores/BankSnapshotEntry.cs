using LiveWatch.Hashing;

namespace LiveWatch.Storage.Stores;

/// <summary>One active entry of an enabled bank, as a replica's initial load streams it.</summary>
/// <param name="EntryId">Entry id.</param>
/// <param name="BankId">Bank id (see <see cref="BankSnapshot.Banks"/> for its settings).</param>
/// <param name="Hash">The hash.</param>
/// <param name="ExternalId">The list provider's id.</param>
public sealed record BankSnapshotEntry(long EntryId, long BankId, Hash256 Hash, string? ExternalId);
