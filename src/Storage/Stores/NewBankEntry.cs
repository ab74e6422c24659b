using LiveWatch.Hashing;

namespace LiveWatch.Storage.Stores;

/// <summary>An entry to add to a bank.</summary>
/// <param name="Hash">The PDQ hash.</param>
/// <param name="ExternalId">The list provider's id (unique among the bank's active entries).</param>
/// <param name="Label">Free label.</param>
public sealed record NewBankEntry(Hash256 Hash, string? ExternalId = null, string? Label = null);
