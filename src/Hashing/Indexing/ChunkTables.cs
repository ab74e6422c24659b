using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// The immutable multi-index hashing tables over one <see cref="PackedHashSegment"/>: per chunk, a static CSR table
/// (offsets by bucket, then entries <c>position &lt;&lt; s | low key bits</c> grouped by bucket).
/// </summary>
/// <remarks>
/// Memory per hash: 4 bytes per chunk for the entry plus <c>4 * (2^h + 1) / n</c> per chunk for the offsets; no
/// pointers, no per-bucket objects, so the GC sees a handful of large arrays. A query enumerates, per probed chunk,
/// every bucket whose index is within the chunk radius of the needle's (Gosper's hack over the bit masks, no
/// allocation), filters entries by the popcount of their low key bits, and verifies survivors against the full hash.
/// </remarks>
internal sealed class ChunkTables
{
    private readonly uint[][] _offsets;
    private readonly uint[][] _entries;

    private ChunkTables(ChunkLayout layout, ProbePlan plan, uint[][] offsets, uint[][] entries)
    {
        Layout = layout;
        Plan = plan;
        _offsets = offsets;
        _entries = entries;
    }

    // Widest radix digit of the table build (2^11 scatter destinations).
    private const int RadixBits = 11;

    // Buckets gathered (offsets read, entries prefetched) before any is scanned: the size this layout was measured
    // with. The scratch holds more, for the paired tables' multi-needle batches.
    private const int RangeBatch = 256;

    private interface IBucketVisitor
    {
        void Visit(uint bucket, int lowAllowance);
    }

    /// <summary>The chunking.</summary>
    public ChunkLayout Layout { get; }

    /// <summary>Radii and costs per distance.</summary>
    public ProbePlan Plan { get; }

    /// <summary>Bytes held by the tables.</summary>
    public long MemoryBytes
    {
        get
        {
            long bytes = 0;
            for (var c = 0; c < _offsets.Length; c++)
            {
                bytes += (_offsets[c].Length + (long)_entries[c].Length) * sizeof(uint);
            }

            return bytes;
        }
    }

    /// <summary>
    /// Builds the tables for the published pairs of <paramref name="store"/> (removed ones included: the tombstone is
    /// checked on verification). Chunks are built in parallel on up to <paramref name="parallelism"/> threads.
    /// </summary>
    public static ChunkTables Build(PackedHashSegment store, ChunkLayout layout, int parallelism)
    {
        var count = store.Count;
        if (((long)Math.Max(count - 1, 0) >> (32 - layout.MaxLowBits)) != 0)
        {
            throw new ArgumentException($"{count} positions do not fit next to {layout.MaxLowBits} low key bits.", nameof(layout));
        }

        var m = layout.ChunkCount;
        var offsets = new uint[m][];
        var entries = new uint[m][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) };
        Parallel.For(
            0,
            m,
            options,
            () => new BuildScratch(count),
            (chunk, _, scratch) =>
            {
                (offsets[chunk], entries[chunk]) = BuildChunk(store, layout, chunk, scratch);
                HugePageAdvice.Advise(offsets[chunk]);
                HugePageAdvice.Advise(entries[chunk]);
                return scratch;
            },
            _ => { });
        return new ChunkTables(layout, ProbePlan.Create(layout, count), offsets, entries);
    }

    /// <summary>
    /// Reports every position of <paramref name="store"/> within <paramref name="maxDistance"/> of
    /// <paramref name="needle"/> to <paramref name="sink"/> (a position may be reported once per chunk that finds it).
    /// Scanned entries and verified candidates are charged to <paramref name="workBudget"/> (see
    /// <see cref="ProbePlan.WorkBudget"/>); returns false, having stopped early, when it runs out (the caller then
    /// scans flat: the data is too clustered for probing to pay).
    /// </summary>
    /// <remarks>
    /// Phases per batch, so the random reads overlap instead of serialising behind mispredicted branches on missing
    /// data: (1) enumerate up to <see cref="RangeBatch"/> buckets prefetching their offsets, then read
    /// the offsets and prefetch the entries, without branching on what was read; (2) scan the ranges, keep entries
    /// whose low key bits are within the allowance and prefetch their hashes; (3) verify the candidates against the
    /// full 256 bits.
    /// </remarks>
    public bool Probe<TSink>(
        PackedHashSegment store, in Hash256 needle, int needleIndex, int maxDistance, ReadOnlySpan<sbyte> thresholds,
        ref TSink sink, ref long workBudget)
        where TSink : struct, IMatchSink
    {
        var scratch = ProbeScratch.ForCurrentThread();
        for (var c = 0; c < thresholds.Length; c++)
        {
            if (thresholds[c] < 0)
            {
                continue;
            }

            var key = Layout.Key(needle, c);
            var lowBits = Layout.LowBits(c);
            var run = new ProbeRun<TSink>(
                _offsets[c], _entries[c], store, needle, lowBits, key, needleIndex, maxDistance, scratch, sink, workBudget);
            Enumerate(key >> lowBits, Layout.TableBits(c), thresholds[c], ref run);
            run.Finish();
            sink = run.Sink;
            workBudget = run.Budget;
            if (workBudget < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Position of the live pair (<paramref name="hash"/>, <paramref name="id"/>) in <paramref name="store"/>, or -1.</summary>
    public int FindExact(PackedHashSegment store, in Hash256 hash, long id)
    {
        // The chunk whose exact bucket is shortest: cheap even when most chunks of this hash sit in a crowded bucket.
        var bestChunk = 0;
        var bestLength = uint.MaxValue;
        for (var c = 0; c < Layout.ChunkCount; c++)
        {
            var bucket = Layout.Key(hash, c) >> Layout.LowBits(c);
            var length = _offsets[c][bucket + 1] - _offsets[c][bucket];
            if (length < bestLength)
            {
                (bestChunk, bestLength) = (c, length);
            }
        }

        var key = Layout.Key(hash, bestChunk);
        var lowBits = Layout.LowBits(bestChunk);
        var lowMask = (1u << lowBits) - 1;
        var offsets = _offsets[bestChunk];
        var entries = _entries[bestChunk];
        var start = offsets[key >> lowBits];
        var end = offsets[(key >> lowBits) + 1];
        ref var lanes = ref store.LaneData;
        for (var i = start; i < end; i++)
        {
            var entry = entries[i];
            if (((entry ^ key) & lowMask) != 0)
            {
                continue;
            }

            var position = (int)(entry >> lowBits);
            if (store.GetId(position) == id && HammingScanKernels.Distance(ref lanes, (nuint)position, hash) == 0 && store.IsLive(position))
            {
                return position;
            }
        }

        return -1;
    }

    // Builds one chunk's CSR table with a stable LSD radix sort of (bucket << 32 | entry) items: every pass streams
    // through memory and scatters into at most 2^11 destinations (which stay in L2), where a direct counting sort
    // into 2^23 buckets takes two cache misses per hash (10x slower at 10 million hashes).
    private static (uint[] Offsets, uint[] Entries) BuildChunk(PackedHashSegment store, ChunkLayout layout, int chunk, BuildScratch scratch)
    {
        var count = store.Count;
        var lowBits = layout.LowBits(chunk);
        var lowMask = (1u << lowBits) - 1;
        var tableBits = layout.TableBits(chunk);
        var passes = (tableBits + RadixBits - 1) / RadixBits;
        var digitBits = (tableBits + passes - 1) / passes;
        var digitMask = (1 << digitBits) - 1;
        var histograms = scratch.Histograms(passes << digitBits);
        var items = scratch.Items;
        var spare = scratch.Spare;

        ref var lanes = ref store.LaneData;
        for (var i = 0; i < count; i++)
        {
            var key = layout.Key(ref Unsafe.Add(ref lanes, (nuint)i * 4), chunk);
            var bucket = key >> lowBits;
            items[i] = ((ulong)bucket << 32) | ((uint)i << lowBits) | (key & lowMask);
            for (var pass = 0; pass < passes; pass++)
            {
                histograms[(pass << digitBits) + (int)((bucket >> (pass * digitBits)) & (uint)digitMask)]++;
            }
        }

        for (var pass = 0; pass < passes; pass++)
        {
            var histogram = histograms.AsSpan(pass << digitBits, 1 << digitBits);
            var sum = 0;
            for (var d = 0; d < histogram.Length; d++)
            {
                (histogram[d], sum) = (sum, sum + histogram[d]);
            }

            var shift = 32 + (pass * digitBits);
            for (var i = 0; i < count; i++)
            {
                var item = items[i];
                spare[histogram[(int)(item >> shift) & digitMask]++] = item;
            }

            (items, spare) = (spare, items);
        }

        var buckets = 1 << tableBits;
        var offsets = GC.AllocateUninitializedArray<uint>(buckets + 1);
        var entries = GC.AllocateUninitializedArray<uint>(count);
        var next = 0;
        for (var i = 0; i < count; i++)
        {
            var item = items[i];
            var bucket = (int)(item >> 32);
            while (next <= bucket)
            {
                offsets[next++] = (uint)i;
            }

            entries[i] = (uint)item;
        }

        while (next <= buckets)
        {
            offsets[next++] = (uint)count;
        }

        return (offsets, entries);
    }

    // Visits bucket `high` and every bucket within `radius` bits of it (of `highBits` bits), passing how many low key
    // bits may still differ. Radius r masks are enumerated in increasing order with Gosper's hack.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Enumerate<TVisitor>(uint high, int highBits, int radius, ref TVisitor visitor)
        where TVisitor : struct, IBucketVisitor
    {
        visitor.Visit(high, radius);
        var maxRadius = Math.Min(radius, highBits);
        var end = 1u << highBits;
        for (var r = 1; r <= maxRadius; r++)
        {
            var allowance = radius - r;
            for (var mask = (1u << r) - 1; mask < end; mask = NextCombination(mask))
            {
                visitor.Visit(high ^ mask, allowance);
            }
        }
    }

    // The next larger integer with the same number of set bits (Gosper), dividing by the lowest bit with a shift.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint NextCombination(uint mask)
    {
        var lowest = mask & (0u - mask);
        var ripple = mask + lowest;
        return (((ripple ^ mask) >> 2) >> BitOperations.TrailingZeroCount(mask)) | ripple;
    }

    // Per-thread buffers of the table build: two item arrays (ping-pong) and the digit histograms.
    internal sealed class BuildScratch(int count)
    {
        private int[] _histograms = [];

        public ulong[] Items { get; } = GC.AllocateUninitializedArray<ulong>(count);

        public ulong[] Spare { get; } = GC.AllocateUninitializedArray<ulong>(count);

        public int[] Histograms(int length)
        {
            if (_histograms.Length < length)
            {
                _histograms = new int[length];
            }

            Array.Clear(_histograms);
            return _histograms;
        }
    }

    // One chunk of one needle's probe: the visitor that gathers bucket ranges and runs the scan and verify phases.
    private struct ProbeRun<TSink>(
        uint[] offsets, uint[] entries, PackedHashSegment store, Hash256 needle, int lowBits, uint key, int needleIndex,
        int maxDistance, ProbeScratch scratch, TSink sink, long budget) : IBucketVisitor
        where TSink : struct, IMatchSink
    {
        private readonly uint[] _offsets = offsets;
        private readonly uint[] _entries = entries;
        private readonly PackedHashSegment _store = store;
        private readonly Hash256 _needle = needle;
        private readonly int _lowBits = lowBits;
        private readonly uint _low = key & ((1u << lowBits) - 1);
        private readonly uint _lowMask = (1u << lowBits) - 1;
        private readonly int _needleIndex = needleIndex;
        private readonly int _maxDistance = maxDistance;
        private readonly ProbeScratch _scratch = scratch;
        private int _ranges;
        private int _candidates;

        public TSink Sink = sink;

        public long Budget { get; private set; } = budget;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Visit(uint bucket, int lowAllowance)
        {
            var index = _ranges;
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_scratch.Buckets), index) = bucket;
            Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_scratch.RangeAllowances), index) = lowAllowance;
            CachePrefetch.Prefetch(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_offsets), bucket));
            _ranges = index + 1;
            if (_ranges == RangeBatch)
            {
                ReadOffsets();
                ScanRanges();
            }
        }

        public void Finish()
        {
            ReadOffsets();
            ScanRanges();
            VerifyCandidates();
        }

        // Phase 1b: the offsets were prefetched while the buckets were enumerated; read them and prefetch entries.
        // The phases are separate JIT roots so their helpers are always inlined (see HammingScanKernels).
        [MethodImpl(MethodImplOptions.NoInlining)]
        private readonly void ReadOffsets()
        {
            ref var offsets = ref MemoryMarshal.GetArrayDataReference(_offsets);
            ref var entries = ref MemoryMarshal.GetArrayDataReference(_entries);
            var buckets = _scratch.Buckets;
            var starts = _scratch.RangeStarts;
            var ends = _scratch.RangeEnds;
            for (var r = 0; r < _ranges; r++)
            {
                var bucket = buckets[r];
                var start = Unsafe.Add(ref offsets, bucket);
                starts[r] = start;
                ends[r] = Unsafe.Add(ref offsets, bucket + 1);
                CachePrefetch.Prefetch(ref Unsafe.Add(ref entries, start));
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void ScanRanges()
        {
            if (Budget < 0)
            {
                _ranges = 0; // out of budget: the caller scans flat; drain cheaply
                return;
            }

            ref var entries = ref MemoryMarshal.GetArrayDataReference(_entries);
            ref var lanes = ref _store.LaneData;
            ref var candidates = ref MemoryMarshal.GetArrayDataReference(_scratch.Candidates);
            var starts = _scratch.RangeStarts;
            var ends = _scratch.RangeEnds;
            var allowances = _scratch.RangeAllowances;
            for (var r = 0; r < _ranges; r++)
            {
                var start = starts[r];
                var end = ends[r];
                var allowance = allowances[r];
                Budget -= (end - start) * ProbePlan.EntryUnits;
                for (var i = start; i < end; i++)
                {
                    var entry = Unsafe.Add(ref entries, i);
                    if (BitOperations.PopCount((entry ^ _low) & _lowMask) > allowance)
                    {
                        continue;
                    }

                    var position = entry >> _lowBits;
                    CachePrefetch.Prefetch(ref Unsafe.Add(ref lanes, (nuint)position * 4));
                    Unsafe.Add(ref candidates, _candidates) = position;
                    Budget -= ProbePlan.CandidateUnits;
                    if (++_candidates == ProbeScratch.CandidateBatch)
                    {
                        VerifyCandidates();
                    }
                }
            }

            _ranges = 0;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private void VerifyCandidates()
        {
            ref var lanes = ref _store.LaneData;
            var candidates = _scratch.Candidates;
            for (var j = 0; j < _candidates; j++)
            {
                var position = candidates[j];
                var distance = HammingScanKernels.Distance(ref lanes, position, _needle);
                if (distance <= _maxDistance)
                {
                    Sink.OnMatch((int)position, distance, _needleIndex);
                }
            }

            _candidates = 0;
        }
    }
}
