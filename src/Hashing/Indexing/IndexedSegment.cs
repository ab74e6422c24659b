namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// The base level of <see cref="MultiIndexHashIndex"/>: a packed segment that is never appended to, plus chunk tables
/// over it (none below a minimum size, where scanning is cheaper than probing). Removal sets the store's tombstone;
/// the tables keep the removed positions until the next merge rebuilds them.
/// </summary>
internal sealed class IndexedSegment
{
    private readonly bool _alwaysProbe;

    private IndexedSegment(PackedHashSegment store, ChunkTables? tables, PairedChunkTables? pairedTables = null, bool alwaysProbe = false)
    {
        Store = store;
        Tables = tables;
        PairedTables = pairedTables;
        _alwaysProbe = alwaysProbe;
    }

    /// <summary>An empty base.</summary>
    public static IndexedSegment Empty { get; } = new(new PackedHashSegment(0), null);

    /// <summary>The hashes and ids.</summary>
    public PackedHashSegment Store { get; }

    /// <summary>The general multi-index tables, or null when the base is scanned flat or has paired tables.</summary>
    public ChunkTables? Tables { get; }

    /// <summary>The paired 16-chunk tables large bases get, or null.</summary>
    public PairedChunkTables? PairedTables { get; }

    /// <summary>Bytes held by the store (hash + id per slot), its tombstones and the tables.</summary>
    public long MemoryBytes => (Store.Capacity * 40L) + (Store.Capacity / 8) + (Tables?.MemoryBytes ?? 0) + (PairedTables?.MemoryBytes ?? 0);

    /// <summary>
    /// Indexes <paramref name="store"/> when it holds at least <paramref name="minimumIndexedCount"/> pairs: paired
    /// tables from <paramref name="pairedMinimumCount"/> pairs up to <see cref="PairedChunkTables.MaxCount"/> unless the
    /// layout is pinned, otherwise chunk tables with <paramref name="chunkCount"/> chunks (0: chosen by
    /// <see cref="ProbePlan.ChooseLayout"/>). <paramref name="alwaysProbe"/> disables the flat-scan fallbacks (tests).
    /// </summary>
    public static IndexedSegment Build(
        PackedHashSegment store, int minimumIndexedCount, int chunkCount, int parallelism, bool alwaysProbe = false, int tableBits = 0,
        int pairedMinimumCount = int.MaxValue)
    {
        var count = store.Count;
        if (count == 0 || count < minimumIndexedCount)
        {
            return new IndexedSegment(store, null);
        }

        if (chunkCount == 0 && tableBits == 0 && count >= pairedMinimumCount && count <= PairedChunkTables.MaxCount)
        {
            return new IndexedSegment(store, null, PairedChunkTables.Build(store, parallelism), alwaysProbe);
        }

        var layout = ProbePlan.ChooseLayout(count, chunkCount, tableBits);
        return new IndexedSegment(store, ChunkTables.Build(store, layout, parallelism), null, alwaysProbe);
    }

    /// <summary>Position of the live pair, or -1: a table lookup when indexed, a scan otherwise.</summary>
    public int FindLive(in Hash256 hash, long id) =>
        PairedTables is { } paired ? paired.FindExact(Store, hash, id) :
        Tables is { } tables ? tables.FindExact(Store, hash, id) : Store.FindLive(hash, id);

    /// <summary>
    /// Feeds every live pair within <paramref name="maxDistance"/> of a needle to <paramref name="accumulator"/>,
    /// probing the tables unless the plan says a flat scan is cheaper or the probes exceed their work budget.
    /// </summary>
    public void Search<TAccumulator>(ReadOnlySpan<Hash256> needles, int maxDistance, ref TAccumulator accumulator)
        where TAccumulator : struct, IMatchAccumulator
    {
        if (PairedTables is { } paired)
        {
            SearchPaired(paired, needles, maxDistance, ref accumulator);
            return;
        }

        var tables = Tables;
        if (tables is null || (!_alwaysProbe && tables.Plan.PreferFlat(maxDistance, needles.Length)))
        {
            Store.Scan(needles, maxDistance, ref accumulator);
            return;
        }

        // The work budget bounds the work on data the model does not describe (clusters of near-identical hashes
        // make some buckets huge): past it, one streaming scan is cheaper. Hits reported before the fallback are
        // reported again by the scan; accumulators tolerate duplicates.
        var thresholds = tables.Plan.Thresholds(maxDistance);
        var budget = _alwaysProbe ? long.MaxValue : tables.Plan.WorkBudget(needles.Length);
        var sink = new SegmentSink<TAccumulator>(Store, accumulator);
        for (var k = 0; k < needles.Length; k++)
        {
            if (!tables.Probe(Store, needles[k], k, maxDistance, thresholds, ref sink, ref budget))
            {
                accumulator = sink.Accumulator;
                Store.Scan(needles, maxDistance, ref accumulator);
                return;
            }
        }

        accumulator = sink.Accumulator;
    }

    private void SearchPaired<TAccumulator>(PairedChunkTables tables, ReadOnlySpan<Hash256> needles, int maxDistance, ref TAccumulator accumulator)
        where TAccumulator : struct, IMatchAccumulator
    {
        if (!_alwaysProbe && tables.PreferFlat(maxDistance, needles.Length))
        {
            Store.Scan(needles, maxDistance, ref accumulator);
            return;
        }

        // As above: past the work budget one streaming scan is cheaper, and accumulators tolerate the repeats.
        var budget = _alwaysProbe ? long.MaxValue : tables.WorkBudget(needles.Length);
        var sink = new SegmentSink<TAccumulator>(Store, accumulator);
        for (var k = 0; k < needles.Length; k += PairedChunkTables.MaxGroup)
        {
            var group = needles.Slice(k, Math.Min(PairedChunkTables.MaxGroup, needles.Length - k));
            if (!tables.Probe(Store, group, k, maxDistance, ref sink, ref budget))
            {
                accumulator = sink.Accumulator;
                Store.Scan(needles, maxDistance, ref accumulator);
                return;
            }
        }

        accumulator = sink.Accumulator;
    }
}
