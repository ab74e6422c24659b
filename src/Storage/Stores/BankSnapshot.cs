namespace LiveWatch.Storage.Stores;

/// <summary>
/// What an initial load saw: the banks, how many entries were streamed, and the change sequence the snapshot is
/// current to; continue with <see cref="BankStore.GetChangesAfterAsync"/> from <see cref="Sequence"/>.
/// </summary>
/// <param name="Sequence">Highest change sequence included in the snapshot (0 if none).</param>
/// <param name="Banks">Enabled, live banks.</param>
/// <param name="EntryCount">Entries streamed.</param>
public sealed record BankSnapshot(long Sequence, IReadOnlyList<BankInfo> Banks, long EntryCount);
