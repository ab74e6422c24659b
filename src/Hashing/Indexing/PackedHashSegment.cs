using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// Append-only packed storage of (hash, id) pairs with a tombstone bit per position: the unit every index scans.
/// Hash <c>i</c> is lanes <c>4i..4i+3</c> of one contiguous ulong array (32 bytes, half a cache line, so a random
/// lookup costs one miss and a scan is a pure stream), its id is <c>ids[i]</c>.
/// </summary>
/// <remarks>
/// Concurrency: writers must be serialised by the caller; readers need no lock. A writer fills a slot beyond the
/// published count and then publishes the new count with a release write, so a reader that reads the count first
/// never sees a half-written hash. Slots are never reused or moved (removal only sets the tombstone bit), so a reader
/// can never miss a live entry because of a concurrent write; compaction builds a new segment and the owner swaps
/// the reference.
/// </remarks>
internal sealed class PackedHashSegment
{
    /// <summary>Largest capacity: the lane array must stay within the CLR's maximum array length.</summary>
    public const int MaxCapacity = 0x1FFF_FFF0;

    private readonly ulong[] _lanes;
    private readonly long[] _ids;
    private readonly ulong[] _tombstones;
    private int _count;
    private int _tombstoneCount;

    /// <summary>Creates an empty segment with room for <paramref name="capacity"/> pairs.</summary>
    public PackedHashSegment(int capacity)
        : this(new ulong[CheckedCapacity(capacity) * 4], new long[capacity], 0)
    {
    }

    private PackedHashSegment(ulong[] lanes, long[] ids, int count)
    {
        _lanes = lanes;
        _ids = ids;
        _tombstones = new ulong[(ids.Length + 63) >> 6];
        _count = count;
    }

    /// <summary>Pairs the segment can hold.</summary>
    public int Capacity => _ids.Length;

    /// <summary>Published positions, removed ones included.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Published positions that were removed.</summary>
    public int TombstoneCount => Volatile.Read(ref _tombstoneCount);

    /// <summary>Published positions still live.</summary>
    public int LiveCount => Count - TombstoneCount;

    /// <summary>Reference to lane 0 of hash 0, for kernels that verify single candidates.</summary>
    internal ref ulong LaneData => ref MemoryMarshal.GetArrayDataReference(_lanes);

    /// <summary>
    /// Creates a segment that takes ownership of already-filled arrays (bulk build: no copy). Positions
    /// <c>0..count-1</c> are published and live.
    /// </summary>
    public static PackedHashSegment Wrap(ulong[] lanes, long[] ids, int count)
    {
        if (lanes.Length != ids.Length * 4 || (uint)count > (uint)ids.Length)
        {
            throw new ArgumentException("lanes must hold 4 ulongs per id and count must fit.", nameof(lanes));
        }

        CheckedCapacity(ids.Length);
        return new PackedHashSegment(lanes, ids, count);
    }

    /// <summary>The published lanes (4 per position).</summary>
    public ReadOnlySpan<ulong> PublishedLanes() => _lanes.AsSpan(0, Count * 4);

    /// <summary>Whether <paramref name="position"/> has not been removed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsLive(int position) =>
        (Volatile.Read(ref _tombstones[position >> 6]) & (1UL << position)) == 0;

    /// <summary>The id stored at <paramref name="position"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long GetId(int position) => _ids[position];

    /// <summary>The hash stored at <paramref name="position"/>.</summary>
    public Hash256 GetHash(int position)
    {
        var lanes = _lanes.AsSpan(position * 4, 4);
        return new Hash256(lanes[0], lanes[1], lanes[2], lanes[3]);
    }

    /// <summary>Appends a pair (writer only; the segment must not be full) and returns its position.</summary>
    public int Append(in Hash256 hash, long id)
    {
        var position = _count;
        if (position == _ids.Length)
        {
            throw new InvalidOperationException("The segment is full; the owner must grow it before appending.");
        }

        hash.Lanes.CopyTo(_lanes.AsSpan(position * 4, 4));
        _ids[position] = id;

        // Release: the slot is fully written before readers can see it.
        Volatile.Write(ref _count, position + 1);
        return position;
    }

    /// <summary>Marks a live position removed (writer only).</summary>
    public void Tombstone(int position)
    {
        if ((uint)position >= (uint)_count || !IsLive(position))
        {
            throw new InvalidOperationException($"Position {position} is not a live position of this segment.");
        }

        ref var word = ref _tombstones[position >> 6];
        Volatile.Write(ref word, word | (1UL << position));
        Volatile.Write(ref _tombstoneCount, _tombstoneCount + 1);
    }

    /// <summary>Position of the live pair (<paramref name="hash"/>, <paramref name="id"/>), or -1. A linear scan.</summary>
    public int FindLive(in Hash256 hash, long id)
    {
        var sink = new ExactPositionSink(this, id);
        HammingScanKernels.Scan(PublishedLanes(), new ReadOnlySpan<Hash256>(in hash), 0, ref sink);
        return sink.Position;
    }

    /// <summary>Feeds every live pair within <paramref name="maxDistance"/> of a needle to <paramref name="accumulator"/>.</summary>
    public void Scan<TAccumulator>(ReadOnlySpan<Hash256> needles, int maxDistance, ref TAccumulator accumulator)
        where TAccumulator : struct, IMatchAccumulator
    {
        var lanes = PublishedLanes();
        if (lanes.IsEmpty)
        {
            return;
        }

        var sink = new SegmentSink<TAccumulator>(this, accumulator);
        HammingScanKernels.Scan(lanes, needles, maxDistance, ref sink);
        accumulator = sink.Accumulator;
    }

    /// <summary>
    /// Copies the live pairs, in position order, to the start of <paramref name="lanes"/>/<paramref name="ids"/>;
    /// returns how many were copied. Safe against a concurrent writer: a pair removed during the copy may or may
    /// not be copied (callers that care log removals and replay them).
    /// </summary>
    public int CopyLiveTo(Span<ulong> lanes, Span<long> ids)
    {
        var count = Count;
        var written = 0;
        for (var block = 0; block < count; block += 64)
        {
            var length = Math.Min(64, count - block);
            var dead = Volatile.Read(ref _tombstones[block >> 6]);
            if (dead == 0)
            {
                _lanes.AsSpan(block * 4, length * 4).CopyTo(lanes[(written * 4)..]);
                _ids.AsSpan(block, length).CopyTo(ids[written..]);
                written += length;
                continue;
            }

            for (var i = 0; i < length; i++)
            {
                if ((dead & (1UL << i)) == 0)
                {
                    _lanes.AsSpan((block + i) * 4, 4).CopyTo(lanes[(written * 4)..]);
                    ids[written++] = _ids[block + i];
                }
            }
        }

        return written;
    }

    /// <summary>
    /// A copy with room for <paramref name="capacity"/> pairs that keeps every position, tombstones included, so
    /// positions recorded by the owner stay valid (writer only).
    /// </summary>
    public PackedHashSegment GrowTo(int capacity)
    {
        var count = _count;
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, count);
        var grown = new PackedHashSegment(capacity);
        _lanes.AsSpan(0, count * 4).CopyTo(grown._lanes);
        _ids.AsSpan(0, count).CopyTo(grown._ids);
        _tombstones.AsSpan(0, (count + 63) >> 6).CopyTo(grown._tombstones);
        grown._count = count;
        grown._tombstoneCount = _tombstoneCount;
        return grown;
    }

    private static int CheckedCapacity(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, MaxCapacity);
        return capacity;
    }
}
