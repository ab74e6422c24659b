namespace LiveWatch.Storage.Stores;

/// <summary>What an import added.</summary>
/// <param name="Count">Entries added.</param>
/// <param name="FirstEntryId">Id of the first entry added, if any.</param>
/// <param name="LastEntryId">Id of the last entry added, if any.</param>
/// <param name="LastSequence">Change sequence of the import's last change (the sequence to catch up to).</param>
public sealed record BankImportResult(int Count, long? FirstEntryId, long? LastEntryId, long LastSequence);
