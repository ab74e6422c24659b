using System.Runtime.InteropServices;

namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// Exact linear-scan index: every query streams all stored hashes through the widest Hamming kernel the machine has
/// (AVX-512BW, AVX2 or scalar). 40 bytes per pair (32-byte hash + 8-byte id) and no build step, so it is the right
/// choice for small lists; query time grows linearly (see docs/performance.md for the crossover with
/// <see cref="MultiIndexHashIndex"/>). Multi-needle queries load each stored hash once and compare it with all
/// needles.
/// </summary>
/// <remarks>
/// Thread model (see <see cref="IHashIndex"/>): queries are lock-free; writers are serialised by a lock and never
/// block queries. <see cref="Add"/> and <see cref="Remove"/> find the pair with a linear exact-match scan (no id
/// dictionary, to keep memory at 40 bytes per pair), so they cost O(n). Removal sets a tombstone; when tombstones
/// exceed a quarter of the entries, or the storage is full, the writer copies the live pairs into a new segment and
/// swaps it in with one reference write, so a query in progress keeps scanning the old, still valid segment.
/// </remarks>
public sealed class FlatHashIndex : IHashIndex
{
    private const int MinimumSlack = 64;

    private readonly Lock _writeLock = new();
    private PackedHashSegment _segment;
    private int _count;

    /// <summary>Creates an empty index with room for <paramref name="initialCapacity"/> pairs before it first grows.</summary>
    public FlatHashIndex(int initialCapacity = 0)
    {
        _segment = new PackedHashSegment(Math.Max(initialCapacity, MinimumSlack));
    }

    /// <inheritdoc />
    public int Count => Volatile.Read(ref _count);

    /// <summary>Bytes held by the storage arrays (capacity included): for memory reports.</summary>
    internal long StorageBytes => Volatile.Read(ref _segment).Capacity * 40L;

    /// <inheritdoc />
    public bool Add(in Hash256 hash, long id)
    {
        lock (_writeLock)
        {
            var segment = _segment;
            if (segment.FindLive(hash, id) >= 0)
            {
                return false;
            }

            if (segment.Count == segment.Capacity)
            {
                segment = CopyLive(segment, extra: 1);
                Volatile.Write(ref _segment, segment);
            }

            segment.Append(hash, id);
            Volatile.Write(ref _count, _count + 1);
            return true;
        }
    }

    /// <inheritdoc />
    public int AddRange(ReadOnlySpan<Hash256> hashes, ReadOnlySpan<long> ids)
    {
        IndexArguments.ThrowIfLengthsDiffer(hashes, ids);
        if (hashes.IsEmpty)
        {
            return 0;
        }

        lock (_writeLock)
        {
            var old = _segment;
            var existing = old.LiveCount;
            var total = (long)existing + hashes.Length;
            if (total > PackedHashSegment.MaxCapacity)
            {
                throw new InvalidOperationException($"An index holds at most {PackedHashSegment.MaxCapacity} pairs; {total} requested.");
            }

            // Bulk loads are usually followed by few adds: a small slack keeps memory near 40 bytes per pair.
            var capacity = (int)Math.Min(PackedHashSegment.MaxCapacity, total + Math.Max(MinimumSlack, total / 16));
            var lanes = new ulong[capacity * 4];
            var allIds = new long[capacity];
            var live = old.CopyLiveTo(lanes, allIds);
            MemoryMarshal.Cast<Hash256, ulong>(hashes).CopyTo(lanes.AsSpan(live * 4));
            ids.CopyTo(allIds.AsSpan(live));
            var unique = PairDeduplicator.Deduplicate(lanes, allIds, live, live + hashes.Length);

            Volatile.Write(ref _segment, PackedHashSegment.Wrap(lanes, allIds, unique));
            Volatile.Write(ref _count, unique);
            return unique - live;
        }
    }

    /// <inheritdoc />
    public bool Remove(in Hash256 hash, long id)
    {
        lock (_writeLock)
        {
            var segment = _segment;
            var position = segment.FindLive(hash, id);
            if (position < 0)
            {
                return false;
            }

            segment.Tombstone(position);
            Volatile.Write(ref _count, _count - 1);
            if (segment.TombstoneCount > MinimumSlack && segment.TombstoneCount > segment.Count / 4)
            {
                Volatile.Write(ref _segment, CopyLive(segment, extra: 0));
            }

            return true;
        }
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
        Volatile.Read(ref _segment).Scan(needles, maxDistance, ref nearest);
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
        Volatile.Read(ref _segment).Scan(needles, maxDistance, ref all);
        return MatchListNormalizer.Normalize(results, start);
    }

    // Room to grow after a copy: a quarter more, so appends stay amortised O(1) without doubling the memory.
    private static int Slack(int live) => Math.Max(MinimumSlack, live / 4);

    private static PackedHashSegment CopyLive(PackedHashSegment segment, int extra)
    {
        var live = segment.LiveCount;
        var capacity = Math.Min(PackedHashSegment.MaxCapacity, live + extra + Slack(live));
        var lanes = new ulong[capacity * 4];
        var ids = new long[capacity];
        var copied = segment.CopyLiveTo(lanes, ids);
        return PackedHashSegment.Wrap(lanes, ids, copied);
    }
}
