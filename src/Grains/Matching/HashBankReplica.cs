using System.Collections.Frozen;
using LiveWatch.Contracts.Banks;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Grains.Matching;

/// <summary>
/// The silo's in-memory replica of every bank: one <see cref="IHashIndex"/> over all entries (each id packs its bank)
/// plus a catalog of bank settings. Banks are applied as deltas while frames are matched: the index takes concurrent
/// writes, and the catalog is an immutable snapshot swapped atomically, so a query never waits for an update.
/// Disabled banks keep their entries (re-enabling is instant) and are filtered out by the catalog.
/// </summary>
public sealed class HashBankReplica
{
    private readonly IHashIndex _index;
    private FrozenDictionary<long, BankInfo> _banks = FrozenDictionary<long, BankInfo>.Empty;
    private long _appliedSequence;

    public HashBankReplica(IHashIndex index)
    {
        _index = index;
    }

    /// <summary>Number of entries held, across all banks.</summary>
    public int EntryCount => _index.Count;

    /// <summary>The store's change sequence this replica has applied up to (inclusive).</summary>
    public long AppliedSequence => Volatile.Read(ref _appliedSequence);

    /// <summary>The banks as currently applied.</summary>
    public IReadOnlyCollection<BankInfo> Banks => _banks.Values;

    /// <summary>Records that every change up to <paramref name="sequence"/> has been applied.</summary>
    public void MarkApplied(long sequence)
    {
        long current;
        do
        {
            current = Volatile.Read(ref _appliedSequence);
            if (sequence <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _appliedSequence, sequence, current) != current);
    }

    /// <summary>Adds or replaces a bank's settings (kind, threshold, enabled).</summary>
    public void UpsertBank(BankInfo bank)
    {
        ArgumentNullException.ThrowIfNull(bank);
        if (bank.DistanceThreshold is < 0 or > 63)
        {
            throw new ArgumentOutOfRangeException(nameof(bank), bank.DistanceThreshold, "A bank's distance threshold must be 0..63.");
        }

        lock (_index)
        {
            var banks = new Dictionary<long, BankInfo>(_banks) { [bank.BankId] = bank };
            Volatile.Write(ref _banks, banks.ToFrozenDictionary());
        }
    }

    /// <summary>Forgets a deleted bank; its entries stop matching at once (and are dropped by <see cref="RemoveEntry"/> calls).</summary>
    public void RemoveBank(long bankId)
    {
        lock (_index)
        {
            var banks = new Dictionary<long, BankInfo>(_banks);
            if (banks.Remove(bankId))
            {
                Volatile.Write(ref _banks, banks.ToFrozenDictionary());
            }
        }
    }

    /// <summary>Adds one bank entry; false if it was already there.</summary>
    public bool AddEntry(long bankId, long entryId, in Hash256 hash) => _index.Add(hash, IndexEntryId.Pack(bankId, entryId));

    /// <summary>Adds many entries of one bank at once (initial load, imports).</summary>
    public int AddEntries(long bankId, ReadOnlySpan<long> entryIds, ReadOnlySpan<Hash256> hashes)
    {
        if (entryIds.Length != hashes.Length)
        {
            throw new ArgumentException($"Got {entryIds.Length} entry ids for {hashes.Length} hashes.", nameof(entryIds));
        }

        var packed = new long[entryIds.Length];
        for (var i = 0; i < packed.Length; i++)
        {
            packed[i] = IndexEntryId.Pack(bankId, entryIds[i]);
        }

        return _index.AddRange(hashes, packed);
    }

    /// <summary>Removes one bank entry; false if it was not there.</summary>
    public bool RemoveEntry(long bankId, long entryId, in Hash256 hash) => _index.Remove(hash, IndexEntryId.Pack(bankId, entryId));

    /// <summary>
    /// Matches one frame's needles (its hash, or its 8 dihedral variants) against the enabled banks that apply to
    /// <paramref name="tenantId"/>, each with its own threshold. A negative-bank match suppresses the frame.
    /// <paramref name="scratch"/> is reused between calls to keep the hot path allocation-free.
    /// </summary>
    public FrameMatch Match(ReadOnlySpan<Hash256> needles, string tenantId, List<HashMatch> scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        var banks = Volatile.Read(ref _banks);
        var maxThreshold = -1;
        foreach (var bank in banks.Values)
        {
            if (bank.AppliesTo(tenantId) && bank.DistanceThreshold > maxThreshold)
            {
                maxThreshold = bank.DistanceThreshold;
            }
        }

        if (maxThreshold < 0 || needles.IsEmpty)
        {
            return FrameMatch.None;
        }

        scratch.Clear();
        _index.FindAll(needles, maxThreshold, scratch);
        var best = FrameMatch.None;
        var count = 0;
        foreach (var match in scratch)
        {
            if (!banks.TryGetValue(IndexEntryId.BankOf(match.Id), out var bank) || !bank.AppliesTo(tenantId) || match.Distance > bank.DistanceThreshold)
            {
                continue;
            }

            if (bank.Kind == BankKind.Negative)
            {
                return FrameMatch.None with { Suppressed = true };
            }

            count++;
            var entryId = IndexEntryId.EntryOf(match.Id);
            if (best.Distance < 0 || match.Distance < best.Distance || (match.Distance == best.Distance && (bank.BankId, entryId).CompareTo((best.BankId, best.EntryId)) < 0))
            {
                best = new FrameMatch(bank.BankId, entryId, match.Distance, match.NeedleIndex, bank.DistanceThreshold, 0, false);
            }
        }

        return best.Distance < 0 ? FrameMatch.None : best with { MatchCount = count };
    }
}
