namespace LiveWatch.Hashing.Indexing;

/// <summary>Tuning of <see cref="MultiIndexHashIndex"/>. The defaults are what the benchmarks in docs/performance.md measured.</summary>
public sealed class MultiIndexHashIndexOptions
{
    /// <summary>
    /// Live pairs the mutable delta may hold before it is merged into the indexed base (default 65,536). Every query
    /// scans the delta flat (0.5-1.2 ns per pair with AVX-512, in cache or not), so this bounds the delta's share of
    /// query time (35-80 us at the default) against how often the base is rebuilt.
    /// </summary>
    public int DeltaMergeThreshold { get; init; } = 65_536;

    /// <summary>
    /// Whether merges triggered by <see cref="MultiIndexHashIndex.Add"/>/<see cref="MultiIndexHashIndex.Remove"/> run on
    /// a thread-pool thread (default) so the writer returns at once, or on the writing thread (deterministic: tests).
    /// Either way the rebuild runs outside the write lock and never blocks queries.
    /// </summary>
    public bool MergeInBackground { get; init; } = true;

    /// <summary>
    /// Number of chunks the 256 bits are cut into (8..32), or 0 (default) to choose the layout from the number of hashes:
    /// paired 16-chunk tables up to 16 million hashes, beyond that the chunk count the probe planner's cost model picks.
    /// A non-zero value pins the general layout with that many chunks.
    /// </summary>
    public int ChunkCount { get; init; }

    /// <summary>
    /// Threads a bulk load (<see cref="MultiIndexHashIndex.AddRange"/>, <see cref="MultiIndexHashIndex.Compact"/>) may
    /// use to build chunk tables (default: all processors). Background merges use one thread, to leave the other
    /// cores to queries.
    /// </summary>
    public int BuildParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Table index width in bits (0: chosen by the cost model); for benchmarks of the layout choice.</summary>
    internal int TableBits { get; init; }

    /// <summary>
    /// From this many pairs (and up to <see cref="PairedChunkTables.MaxCount"/>) an indexed base gets paired 16-chunk
    /// tables instead of the general ones, unless <see cref="ChunkCount"/> or <see cref="TableBits"/> pins the layout.
    /// Default 0: every indexed base (tests raise it to reach the general layout).
    /// </summary>
    internal int PairedMinimumCount { get; init; }

    /// <summary>Below this many pairs the base gets no tables and is scanned flat (faster than probing there).</summary>
    internal int MinimumIndexedCount { get; init; } = 16_384;

    /// <summary>Probe the tables for every query, even where a flat scan is cheaper (tests reach every probe path).</summary>
    internal bool AlwaysProbe { get; init; }

    /// <summary>Called on the merging thread after the live pairs are copied and before the new base is published (tests).</summary>
    internal Action? MergeBuildingHook { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(DeltaMergeThreshold, 1, nameof(DeltaMergeThreshold));
        if (ChunkCount != 0 && (ChunkCount < ChunkLayout.MinChunkCount || ChunkCount > ChunkLayout.MaxChunkCount))
        {
            throw new ArgumentOutOfRangeException(
                nameof(ChunkCount), ChunkCount, $"ChunkCount must be 0 (automatic) or {ChunkLayout.MinChunkCount}..{ChunkLayout.MaxChunkCount}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(BuildParallelism, 1, nameof(BuildParallelism));
    }
}
