using System.Runtime.InteropServices;

namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// Exact Hamming index for millions of hashes: multi-index hashing (the 256 bits cut into chunks, a static CSR table
/// per chunk, generalised-pigeonhole probing) over an immutable base, plus a small mutable delta scanned flat, LSM
/// style. Indexed bases of up to 16 million hashes get <see cref="PairedChunkTables"/> (16 chunks in pairs, bucket
/// entries filtered by their partner chunk's key), larger ones <see cref="ChunkTables"/> with a chunk count chosen by
/// the cost model. Results are identical to a brute-force scan; only the work differs.
/// </summary>
/// <remarks>
/// <para>
/// Levels: the <b>base</b> (<see cref="IndexedSegment"/>: packed hashes and ids, chunk tables, tombstones), an optional
/// <b>frozen delta</b> (the delta being merged) and the <b>active delta</b> (a <see cref="PackedHashSegment"/>
/// receiving adds). A pair lives in exactly one level. Queries read one immutable <see cref="State"/> reference and
/// search the three levels; they take no lock.
/// </para>
/// <para>
/// Writers are serialised by a lock held for microseconds: <see cref="Add"/> checks the pair is absent (exact chunk
/// lookup in the base, a dictionary for the delta) and appends to the active delta; <see cref="Remove"/> tombstones
/// the pair where it lives. When the delta reaches <see cref="MultiIndexHashIndexOptions.DeltaMergeThreshold"/>
/// (or a quarter of the base is removed), a merge freezes the delta, builds a new base from the live pairs of base
/// and frozen delta <i>outside</i> the lock (writers and queries continue; removals of frozen pairs are logged and
/// replayed on the new base), then swaps the state in one reference write. A query that started on the old state
/// finishes on it, consistently. Memory peaks at about twice the base during a merge.
/// </para>
/// <para>
/// <see cref="AddRange"/> of more than a few pairs rebuilds the base with the new pairs in one bulk build on all
/// cores; it holds the write lock for the build (other writers wait, queries do not).
/// </para>
/// </remarks>
public sealed class MultiIndexHashIndex : IHashIndex
{
    private const int InitialDeltaCapacity = 1024;

    // AddRange batches up to this size go through the delta instead of a rebuild.
    private const int SmallBatch = 1024;

    private readonly MultiIndexHashIndexOptions _options;
    private readonly Lock _writeLock = new();

    // Held for a whole merge or bulk build, so at most one runs; always taken before _writeLock.
    private readonly Lock _mergeLock = new();

    private State _state;
    private Dictionary<HashIdPair, int> _activePositions = [];
    private Dictionary<HashIdPair, int>? _frozenPositions;
    private List<HashIdPair>? _removalLog;
    private int _count;
    private bool _mergePending;
    private Exception? _lastMergeFailure;

    /// <summary>Creates an empty index.</summary>
    public MultiIndexHashIndex(MultiIndexHashIndexOptions? options = null)
    {
        _options = options ?? new MultiIndexHashIndexOptions();
        _options.Validate();
        _state = new State(IndexedSegment.Empty, null, new PackedHashSegment(InitialDeltaCapacity));
    }

    /// <inheritdoc />
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// The exception of the last merge if it failed (e.g. out of memory), else null. A failed merge loses nothing:
    /// the frozen delta stays searchable and the next merge (the next write past the threshold, or
    /// <see cref="Compact"/>) retries.
    /// </summary>
    public Exception? LastMergeFailure => Volatile.Read(ref _lastMergeFailure);

    /// <summary>Pairs in the base (live or removed), for diagnostics.</summary>
    internal int BaseCount => Volatile.Read(ref _state).Base.Store.Count;

    /// <summary>Published pairs in the deltas (live or removed), for diagnostics.</summary>
    internal int DeltaCount
    {
        get
        {
            var state = Volatile.Read(ref _state);
            return (state.Frozen?.Count ?? 0) + state.Active.Count;
        }
    }

    /// <summary>The base's general chunk layout, or null when the base is scanned flat or has paired tables.</summary>
    internal ChunkLayout? BaseLayout => Volatile.Read(ref _state).Base.Tables?.Layout;

    /// <summary>Whether the base has paired 16-chunk tables (<see cref="PairedChunkTables"/>), for diagnostics.</summary>
    internal bool BaseIsPaired => Volatile.Read(ref _state).Base.PairedTables is not null;

    /// <summary>Bytes held by the base and deltas (capacity included), for memory reports.</summary>
    internal long StorageBytes
    {
        get
        {
            var state = Volatile.Read(ref _state);
            return state.Base.MemoryBytes + ((state.Frozen?.Capacity ?? 0) * 40L) + (state.Active.Capacity * 40L);
        }
    }

    /// <inheritdoc />
    public bool Add(in Hash256 hash, long id)
    {
        bool mergeHere;
        lock (_writeLock)
        {
            if (!AddLocked(hash, id))
            {
                return false;
            }

            mergeHere = ScheduleMergeIfDue();
        }

        if (mergeHere)
        {
            RunMerges(_options.BuildParallelism);
        }

        return true;
    }

    /// <inheritdoc />
    public int AddRange(ReadOnlySpan<Hash256> hashes, ReadOnlySpan<long> ids)
    {
        IndexArguments.ThrowIfLengthsDiffer(hashes, ids);
        if (hashes.Length <= SmallBatch)
        {
            var added = 0;
            for (var i = 0; i < hashes.Length; i++)
            {
                added += Add(hashes[i], ids[i]) ? 1 : 0;
            }

            return added;
        }

        lock (_mergeLock)
        {
            lock (_writeLock)
            {
                var state = _state;
                var (lanes, allIds, existing) = CollectLive(state.Base.Store, state.Frozen, state.Active, hashes.Length);
                MemoryMarshal.Cast<Hash256, ulong>(hashes).CopyTo(lanes.AsSpan(existing * 4));
                ids.CopyTo(allIds.AsSpan(existing));
                var unique = PairDeduplicator.Deduplicate(lanes, allIds, existing, existing + hashes.Length);
                var newBase = BuildBase(lanes, allIds, unique, _options.BuildParallelism);

                _activePositions = [];
                _frozenPositions = null;
                Volatile.Write(ref _state, new State(newBase, null, new PackedHashSegment(InitialDeltaCapacity)));
                Volatile.Write(ref _count, unique);
                return unique - existing;
            }
        }
    }

    /// <inheritdoc />
    public bool Remove(in Hash256 hash, long id)
    {
        bool mergeHere;
        lock (_writeLock)
        {
            if (!RemoveLocked(hash, id))
            {
                return false;
            }

            mergeHere = ScheduleMergeIfDue();
        }

        if (mergeHere)
        {
            RunMerges(_options.BuildParallelism);
        }

        return true;
    }

    /// <summary>
    /// Merges the delta into the base and drops removed pairs now, on the calling thread (waiting for a running
    /// merge first). Queries continue meanwhile. Useful after loading a bank delta, before a quiet period.
    /// </summary>
    public void Compact()
    {
        lock (_mergeLock)
        {
            try
            {
                MergeLocked(_options.BuildParallelism);
            }
            catch (Exception failure)
            {
                Volatile.Write(ref _lastMergeFailure, failure);
                throw;
            }
        }

        Volatile.Write(ref _lastMergeFailure, null);
    }

    /// <inheritdoc />
    public bool TryFindNearest(in Hash256 needle, int maxDistance, out HashMatch match) =>
        TryFindNearest(new ReadOnlySpan<Hash256>(in needle), maxDistance, out match);

    /// <inheritdoc />
    public bool TryFindNearest(ReadOnlySpan<Hash256> needles, int maxDistance, out HashMatch match)
    {
        IndexArguments.ThrowIfNoNeedles(needles);
        IndexArguments.ThrowIfDistanceOutOfRange(maxDistance);
        var nearest = default(NearestMatchAccumulator);
        Search(needles, maxDistance, ref nearest);
        match = nearest.Best;
        return nearest.Found;
    }

    /// <inheritdoc />
    public int FindAll(in Hash256 needle, int maxDistance, List<HashMatch> results) =>
        FindAll(new ReadOnlySpan<Hash256>(in needle), maxDistance, results);

    /// <inheritdoc />
    public int FindAll(ReadOnlySpan<Hash256> needles, int maxDistance, List<HashMatch> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        IndexArguments.ThrowIfNoNeedles(needles);
        IndexArguments.ThrowIfDistanceOutOfRange(maxDistance);
        var start = results.Count;
        var all = new AllMatchesAccumulator(results);
        Search(needles, maxDistance, ref all);
        return MatchListNormalizer.Normalize(results, start);
    }

    private static (ulong[] Lanes, long[] Ids, int Count) CollectLive(
        PackedHashSegment first, PackedHashSegment? second, PackedHashSegment? third, int extra)
    {
        // Live counts only shrink under concurrent removals (these segments are not appended to), so this is enough.
        var capacity = (long)first.LiveCount + (second?.LiveCount ?? 0) + (third?.LiveCount ?? 0) + extra;
        if (capacity > PackedHashSegment.MaxCapacity)
        {
            throw new InvalidOperationException($"An index holds at most {PackedHashSegment.MaxCapacity} pairs; {capacity} requested.");
        }

        // Every slot up to the returned count is written; slots beyond it are never published, hence never read.
        var lanes = GC.AllocateUninitializedArray<ulong>((int)capacity * 4);
        var ids = GC.AllocateUninitializedArray<long>((int)capacity);
        var count = first.CopyLiveTo(lanes, ids);
        if (second is not null)
        {
            count += second.CopyLiveTo(lanes.AsSpan(count * 4), ids.AsSpan(count));
        }

        if (third is not null)
        {
            count += third.CopyLiveTo(lanes.AsSpan(count * 4), ids.AsSpan(count));
        }

        return (lanes, ids, count);
    }

    private void Search<TAccumulator>(ReadOnlySpan<Hash256> needles, int maxDistance, ref TAccumulator accumulator)
        where TAccumulator : struct, IMatchAccumulator
    {
        var state = Volatile.Read(ref _state);
        state.Base.Search(needles, maxDistance, ref accumulator);
        state.Frozen?.Scan(needles, maxDistance, ref accumulator);
        state.Active.Scan(needles, maxDistance, ref accumulator);
    }

    private bool AddLocked(in Hash256 hash, long id)
    {
        var state = _state;
        var pair = new HashIdPair(hash, id);
        if (_activePositions.ContainsKey(pair) || (_frozenPositions?.ContainsKey(pair) ?? false) || state.Base.FindLive(hash, id) >= 0)
        {
            return false;
        }

        var active = state.Active;
        if (active.Count == active.Capacity)
        {
            active = active.TombstoneCount >= active.Count / 2 ? CompactActive(active) : active.GrowTo(Math.Min(PackedHashSegment.MaxCapacity, active.Capacity * 2));
            Volatile.Write(ref _state, new State(state.Base, state.Frozen, active));
        }

        _activePositions.Add(pair, active.Append(hash, id));
        Volatile.Write(ref _count, _count + 1);
        return true;
    }

    // Add/remove churn fills the delta with tombstones; copy the live pairs and re-point the dictionary.
    private PackedHashSegment CompactActive(PackedHashSegment active)
    {
        var compacted = new PackedHashSegment(Math.Max(InitialDeltaCapacity, active.LiveCount * 2));
        for (var position = 0; position < active.Count; position++)
        {
            if (active.IsLive(position))
            {
                var hash = active.GetHash(position);
                var id = active.GetId(position);
                _activePositions[new HashIdPair(hash, id)] = compacted.Append(hash, id);
            }
        }

        return compacted;
    }

    private bool RemoveLocked(in Hash256 hash, long id)
    {
        var state = _state;
        var pair = new HashIdPair(hash, id);
        if (_activePositions.Remove(pair, out var position))
        {
            state.Active.Tombstone(position);
        }
        else if (_frozenPositions is not null && _frozenPositions.Remove(pair, out position))
        {
            state.Frozen!.Tombstone(position);
            _removalLog?.Add(pair);
        }
        else if ((position = state.Base.FindLive(hash, id)) >= 0)
        {
            state.Base.Store.Tombstone(position);
            _removalLog?.Add(pair);
        }
        else
        {
            return false;
        }

        Volatile.Write(ref _count, _count - 1);
        return true;
    }

    // Under the write lock. Returns true when the caller must run the merge itself (synchronous mode).
    private bool ScheduleMergeIfDue()
    {
        if (_mergePending || !IsMergeDue())
        {
            return false;
        }

        _mergePending = true;
        if (!_options.MergeInBackground)
        {
            return true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static index => index.RunMerges(parallelism: 1), this, preferLocal: false);
        return false;
    }

    private bool IsMergeDue()
    {
        var state = _state;
        var baseStore = state.Base.Store;
        return state.Active.LiveCount >= _options.DeltaMergeThreshold ||
               baseStore.TombstoneCount > Math.Max(_options.DeltaMergeThreshold, baseStore.Count / 4);
    }

    // Runs merges until none is due. In background mode a failure is recorded (the next due write retries); in
    // synchronous mode it propagates to the writer that triggered it (its write has been applied).
    private void RunMerges(int parallelism)
    {
        while (true)
        {
            try
            {
                lock (_mergeLock)
                {
                    MergeLocked(parallelism);
                }

                Volatile.Write(ref _lastMergeFailure, null);
            }
#pragma warning disable CA1031 // A background merge must not crash the process; the failure is surfaced via LastMergeFailure.
            catch (Exception failure) when (_options.MergeInBackground)
#pragma warning restore CA1031
            {
                Volatile.Write(ref _lastMergeFailure, failure);
                lock (_writeLock)
                {
                    _mergePending = false;
                }

                return;
            }
            catch
            {
                lock (_writeLock)
                {
                    _mergePending = false;
                }

                throw;
            }

            lock (_writeLock)
            {
                if (!IsMergeDue())
                {
                    _mergePending = false;
                    return;
                }
            }
        }
    }

    // Caller holds _mergeLock (so no other merge or bulk build runs).
    private void MergeLocked(int parallelism)
    {
        IndexedSegment oldBase;
        PackedHashSegment frozen;
        lock (_writeLock)
        {
            var state = _state;
            if (state.Frozen is null)
            {
                if (state.Active.Count == 0 && state.Base.Store.TombstoneCount == 0)
                {
                    return;
                }

                frozen = state.Active;
                _frozenPositions = _activePositions;
                _activePositions = [];
                state = new State(state.Base, frozen, new PackedHashSegment(InitialDeltaCapacity));
                Volatile.Write(ref _state, state);
            }
            else
            {
                frozen = state.Frozen; // left by a failed merge
            }

            oldBase = state.Base;
            _removalLog = [];
        }

        IndexedSegment newBase;
        try
        {
            var (lanes, ids, count) = CollectLive(oldBase.Store, frozen, null, 0);
            _options.MergeBuildingHook?.Invoke();
            newBase = BuildBase(lanes, ids, count, parallelism);
        }
        catch
        {
            lock (_writeLock)
            {
                _removalLog = null; // the frozen delta stays searchable and is merged by the next attempt
            }

            throw;
        }

        lock (_writeLock)
        {
            foreach (var pair in _removalLog!)
            {
                var position = newBase.FindLive(pair.Hash, pair.Id);
                if (position >= 0)
                {
                    newBase.Store.Tombstone(position);
                }
            }

            _removalLog = null;
            _frozenPositions = null;
            Volatile.Write(ref _state, new State(newBase, null, _state.Active));
        }
    }

    private IndexedSegment BuildBase(ulong[] lanes, long[] ids, int count, int parallelism)
    {
        // Trim when many slots went unused (duplicates, removals during the copy): the base lives long.
        if (count < ids.Length - (ids.Length / 16))
        {
            lanes = lanes.AsSpan(0, count * 4).ToArray();
            ids = ids.AsSpan(0, count).ToArray();
        }

        HugePageAdvice.Advise(lanes);
        var store = PackedHashSegment.Wrap(lanes, ids, count);
        return IndexedSegment.Build(
            store, _options.MinimumIndexedCount, _options.ChunkCount, parallelism, _options.AlwaysProbe, _options.TableBits,
            _options.PairedMinimumCount);
    }

    /// <summary>What queries read: one immutable snapshot of the levels, replaced as a whole by writers.</summary>
    private sealed record State(IndexedSegment Base, PackedHashSegment? Frozen, PackedHashSegment Active);
}
