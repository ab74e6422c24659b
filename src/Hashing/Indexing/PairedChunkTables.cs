using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// Multi-index tables for indexed bases up to 16 million hashes: 16 chunks of 16 bits, dealt round-robin like
/// <see cref="ChunkLayout"/>, grouped into 8 pairs (chunks <c>2g</c> and <c>2g + 1</c>). Each chunk has a table keyed
/// by its whole 16-bit value whose entries hold the 16-bit key of the partner chunk and a 24-bit position.
/// </summary>
/// <remarks>
/// <para>
/// Pigeonhole over pairs: give pair <c>g</c> an allowance <c>T_g</c> with <c>sum(T_g + 1) = d + 1</c>; a hash within
/// <c>d</c> bits of the needle has some pair within <c>T_g</c> bits, and inside that pair one chunk within its radius
/// (<c>r_a + r_b + 2 = T_g + 1</c>). So each chunk table is probed at its radius, and an entry can only matter if
/// chunk and partner together differ by at most <c>T_g</c>. At d = 31 that is radius 1 in every chunk (17 buckets of
/// ~15 entries at 1M hashes) and at most 3 bits over the pair.
/// </para>
/// <para>
/// Why: the general layout (<see cref="ChunkTables"/>) verifies every entry whose chunk is close against the full hash,
/// a random 32-byte read; at 1M hashes that is ~4,000 cache misses per needle, and the 8 dihedral needles of every
/// frame made matching 80% of a frame's cost. Here the partner keys are read in order with the bucket (2 bytes per
/// entry, 32 compared per AVX-512 step) and reject all but ~0.3% of entries, so a needle costs ~270 bucket reads and
/// ~11 verified candidates (docs/perf-index.md has the measurements).
/// </para>
/// <para>
/// Memory: 5 bytes per entry per chunk (80 per hash) plus 16 offset tables of 2^16 + 1 entries (4 MiB): 124 bytes per
/// hash in all at 1M hashes, 121 at 10M. Below ~0.7M hashes the fixed 4 MiB puts it over 128 bytes per hash (162 at
/// 100k, 16 MiB in all), which buys 3.6-4.4x faster 8-needle queries than the general layout at 100-300k hashes.
/// Positions are 24 bits, hence <see cref="MaxCount"/>.
/// </para>
/// </remarks>
internal sealed class PairedChunkTables
{
    /// <summary>Chunks: 16 of 16 bits.</summary>
    public const int ChunkCount = 16;

    /// <summary>Most needles one <see cref="Probe{TSink}"/> takes (the 8 dihedral variants of a frame).</summary>
    public const int MaxGroup = 8;

    /// <summary>Most pairs a base may hold: positions are stored in 24 bits.</summary>
    public const int MaxCount = 1 << 24;

    // Nanoseconds of one partner key compared in the vectorised scan (fit to the benchmarks, like ProbePlan's).
    internal const double EntryNanoseconds = 0.5;

    // Budget units (one per scanned entry) charged per bucket probe and per verified candidate (two random reads).
    internal const int ProbeUnits = (int)(ProbePlan.ProbeNanoseconds / EntryNanoseconds);
    internal const int CandidateUnits = (int)(2 * ProbePlan.CandidateNanoseconds / EntryNanoseconds);

    private const int KeyBits = 16;
    private const int Buckets = 1 << KeyBits;
    private const int PairCount = ChunkCount / 2;

    private static readonly ChunkLayout Layout = new(ChunkCount, KeyBits);
    private static readonly sbyte[] Radii = new sbyte[(IndexArguments.MaxQueryDistance + 1) * ChunkCount];
    private static readonly sbyte[] PairAllowances = new sbyte[(IndexArguments.MaxQueryDistance + 1) * ChunkCount];

    // Buckets within radius r of a 16-bit key (sum of C(16, j) for j <= r), for every radius the plan uses (at most 3).
    private static readonly int[] BucketsWithin = new int[4];

    private readonly uint[][] _offsets;
    private readonly ushort[][] _partners;
    private readonly byte[][] _positions;
    private readonly double[] _costPerNeedle;
    private readonly int _count;

    static PairedChunkTables()
    {
        // d + 1 units dealt evenly over the pairs; inside a pair, T + 1 units over its two chunks.
        for (var d = 0; d <= IndexArguments.MaxQueryDistance; d++)
        {
            for (var g = 0; g < PairCount; g++)
            {
                var units = ((d + 1) / PairCount) + (g < (d + 1) % PairCount ? 1 : 0);
                var row = d * ChunkCount;
                Radii[row + (2 * g)] = (sbyte)(((units + 1) / 2) - 1);
                Radii[row + (2 * g) + 1] = (sbyte)((units / 2) - 1);
                PairAllowances[row + (2 * g)] = PairAllowances[row + (2 * g) + 1] = (sbyte)(units - 1);
            }
        }

        for (var radius = 0; radius < BucketsWithin.Length; radius++)
        {
            BucketsWithin[radius] = (int)ProbePlan.Binomial(KeyBits, radius) + (radius > 0 ? BucketsWithin[radius - 1] : 0);
        }
    }

    private PairedChunkTables(uint[][] offsets, ushort[][] partners, byte[][] positions, int count)
    {
        _offsets = offsets;
        _partners = partners;
        _positions = positions;
        _count = count;
        _costPerNeedle = new double[IndexArguments.MaxQueryDistance + 1];
        for (var d = 0; d <= IndexArguments.MaxQueryDistance; d++)
        {
            _costPerNeedle[d] = ModelCost(d, count);
        }
    }

    /// <summary>Bytes held by the tables.</summary>
    public long MemoryBytes
    {
        get
        {
            long bytes = 0;
            for (var c = 0; c < ChunkCount; c++)
            {
                bytes += (_offsets[c].Length * 4L) + (_partners[c].Length * 2L) + _positions[c].Length;
            }

            return bytes;
        }
    }

    /// <summary>Radius per chunk at <paramref name="maxDistance"/> (-1: not probed).</summary>
    internal static ReadOnlySpan<sbyte> RadiiFor(int maxDistance) => Radii.AsSpan(maxDistance * ChunkCount, ChunkCount);

    /// <summary>Bits chunk plus partner may differ by at <paramref name="maxDistance"/>, per chunk (its pair's allowance).</summary>
    internal static ReadOnlySpan<sbyte> PairAllowancesFor(int maxDistance) => PairAllowances.AsSpan(maxDistance * ChunkCount, ChunkCount);

    /// <summary>Builds the tables for the published pairs of <paramref name="store"/>, chunks in parallel on up to <paramref name="parallelism"/> threads.</summary>
    public static PairedChunkTables Build(PackedHashSegment store, int parallelism)
    {
        var count = store.Count;
        if (count > MaxCount)
        {
            throw new ArgumentException($"{count} pairs do not fit 24-bit positions (at most {MaxCount}).", nameof(store));
        }

        var offsets = new uint[ChunkCount][];
        var partners = new ushort[ChunkCount][];
        var positions = new byte[ChunkCount][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) };
        Parallel.For(
            0,
            ChunkCount,
            options,
            () => new ChunkTables.BuildScratch(count),
            (chunk, _, scratch) =>
            {
                (offsets[chunk], partners[chunk], positions[chunk]) = BuildChunk(store, chunk, scratch);
                HugePageAdvice.Advise(partners[chunk]);
                HugePageAdvice.Advise(positions[chunk]);
                return scratch;
            },
            _ => { });
        return new PairedChunkTables(offsets, partners, positions, count);
    }

    /// <summary>Whether a flat scan is expected to beat probing for this query shape.</summary>
    public bool PreferFlat(int maxDistance, int needles) =>
        _costPerNeedle[maxDistance] * needles > ProbePlan.FlatCost(_count, needles);

    /// <summary>Work units the probes of a query may spend before a flat scan is cheaper (see <see cref="ProbePlan.WorkBudget"/>).</summary>
    public long WorkBudget(int needles) => (long)(ProbePlan.FlatCost(_count, needles) / EntryNanoseconds);

    /// <summary>
    /// Reports every position of <paramref name="store"/> within <paramref name="maxDistance"/> of one of
    /// <paramref name="needles"/> (at most <see cref="MaxGroup"/>; needle <c>k</c> is reported as
    /// <paramref name="firstNeedleIndex"/> + k) to <paramref name="sink"/>; a position may be reported once per chunk
    /// and needle that finds it. Returns false, having stopped early, when <paramref name="workBudget"/> runs out (the
    /// caller then scans flat).
    /// </summary>
    /// <remarks>
    /// Phases, so the random reads overlap instead of waiting one after another: (1) list the buckets within each
    /// chunk's radius for every needle, prefetching their offsets; (2) read the offsets, prefetching the partner keys;
    /// (3) filter the partner keys, prefetching the positions of survivors; (4) read the positions, prefetching their
    /// hashes, and verify. A frame's 8 dihedral needles go through together, which leaves each prefetch more time to
    /// land (docs/perf-index.md). The phase methods are jitted fully optimised from their first call: they run once
    /// per query, so tiering would keep the first thousands of queries on unoptimised and on-stack-replaced code.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Probe<TSink>(
        PackedHashSegment store, ReadOnlySpan<Hash256> needles, int firstNeedleIndex, int maxDistance, ref TSink sink, ref long workBudget)
        where TSink : struct, IMatchSink
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(needles.Length, MaxGroup);
        var scratch = ProbeScratch.ForCurrentThread();
        ref var keys = ref MemoryMarshal.GetArrayDataReference(scratch.ChunkKeys);
        for (var k = 0; k < needles.Length; k++)
        {
            for (var c = 0; c < ChunkCount; c++)
            {
                Unsafe.Add(ref keys, (k * ChunkCount) + c) = (ushort)Layout.Key(needles[k], c);
            }
        }

        var candidates = 0;
        var next = 0; // needle * ChunkCount + chunk still to list
        var end = needles.Length * ChunkCount;
        while (next < end && workBudget >= 0)
        {
            var ranges = ListBuckets(scratch, maxDistance, ref next, end);
            ScanBatch(store, needles, firstNeedleIndex, maxDistance, scratch, ranges, ref candidates, ref sink, ref workBudget);
        }

        Verify(store, needles, firstNeedleIndex, maxDistance, scratch, candidates, ref sink);
        return workBudget >= 0;
    }

    // Phase 1: lists the buckets of (needle, chunk) runs from `next` on, prefetching their offsets, until all are listed
    // or the next run would not fit the batch; returns how many were listed. No calls inside (see ScanBatch).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ListBuckets(ProbeScratch scratch, int maxDistance, ref int next, int end)
    {
        var radii = RadiiFor(maxDistance);
        var allowances = PairAllowancesFor(maxDistance);
        ref var keys = ref MemoryMarshal.GetArrayDataReference(scratch.ChunkKeys);
        ref var buckets = ref MemoryMarshal.GetArrayDataReference(scratch.Buckets);
        ref var rangeAllowances = ref MemoryMarshal.GetArrayDataReference(scratch.RangeAllowances);
        var ranges = 0;
        var run = next;
        for (; run < end; run++)
        {
            var c = run % ChunkCount;
            int radius = radii[c], allowance = allowances[c];
            if (radius < 0)
            {
                continue;
            }

            if (ranges + BucketsWithin[radius] > ProbeScratch.RangeBatch)
            {
                break;
            }

            ref var offsets = ref MemoryMarshal.GetArrayDataReference(_offsets[c]);
            uint key = Unsafe.Add(ref keys, run);
            var tag = (uint)run << KeyBits;
            CachePrefetch.Prefetch(ref Unsafe.Add(ref offsets, key));
            Unsafe.Add(ref buckets, ranges) = tag | key;
            Unsafe.Add(ref rangeAllowances, ranges++) = allowance;
            if (radius >= 1)
            {
                for (var bit = 0; bit < KeyBits; bit++)
                {
                    // Offsets are 16 to a cache line: flipping one of the low 4 bits stays on the bucket's line.
                    var bucket = key ^ (1u << bit);
                    if (bit >= 4)
                    {
                        CachePrefetch.Prefetch(ref Unsafe.Add(ref offsets, bucket));
                    }

                    Unsafe.Add(ref buckets, ranges) = tag | bucket;
                    Unsafe.Add(ref rangeAllowances, ranges++) = allowance - 1;
                }
            }

            for (var flips = 2; flips <= radius; flips++)
            {
                // Every mask of `flips` bits, in increasing order (Gosper's hack).
                for (var mask = (1u << flips) - 1; mask < Buckets; mask = ChunkTables.NextCombination(mask))
                {
                    var bucket = key ^ mask;
                    CachePrefetch.Prefetch(ref Unsafe.Add(ref offsets, bucket));
                    Unsafe.Add(ref buckets, ranges) = tag | bucket;
                    Unsafe.Add(ref rangeAllowances, ranges++) = allowance - flips;
                }
            }
        }

        next = run;
        return ranges;
    }

    // Phases 2 and 3 for a batch of listed buckets; candidates accumulate in the scratch and are verified when it fills.
    // The filtering loop makes no calls (it returns here to verify), so the JIT keeps its state in registers: with a
    // call inside, it spilled and reloaded the loop's vectors and counters on every step, ~20% of the probe's time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScanBatch<TSink>(
        PackedHashSegment store, ReadOnlySpan<Hash256> needles, int firstNeedleIndex, int maxDistance, ProbeScratch scratch, int ranges,
        ref int candidateCount, ref TSink sink, ref long workBudget)
        where TSink : struct, IMatchSink
    {
        if (workBudget < 0 || ranges == 0)
        {
            return; // out of budget: the caller scans flat
        }

        ReadOffsets(scratch, ranges);
        var next = 0;
        var resume = 0u;
        while ((next = FilterRanges(scratch, next, ranges, ref resume, ref candidateCount, ref workBudget)) < ranges)
        {
            Verify(store, needles, firstNeedleIndex, maxDistance, scratch, candidateCount, ref sink);
            candidateCount = 0;
        }
    }

    // Phase 2: reads each listed bucket's range and prefetches both lines its first partner-key load touches (it reads a
    // whole (half) block whatever the bucket's length, and a line it touches unannounced is a miss the core waits for).
    // The buckets of one needle's chunk are listed together (a run), so the loop runs per run with its tables at hand.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadOffsets(ProbeScratch scratch, int ranges)
    {
        ref var buckets = ref MemoryMarshal.GetArrayDataReference(scratch.Buckets);
        ref var starts = ref MemoryMarshal.GetArrayDataReference(scratch.RangeStarts);
        ref var ends = ref MemoryMarshal.GetArrayDataReference(scratch.RangeEnds);
        for (var first = 0; first < ranges;)
        {
            var run = Unsafe.Add(ref buckets, first) >> KeyBits;
            var chunk = (int)(run % ChunkCount);
            ref var offsets = ref MemoryMarshal.GetArrayDataReference(_offsets[chunk]);
            ref var partners = ref MemoryMarshal.GetArrayDataReference(_partners[chunk]);
            var last = first;
            do
            {
                var bucket = Unsafe.Add(ref buckets, last) & (Buckets - 1);
                var start = Unsafe.Add(ref offsets, bucket);
                var end = Unsafe.Add(ref offsets, bucket + 1);
                Unsafe.Add(ref starts, last) = start;
                Unsafe.Add(ref ends, last) = end;
                CachePrefetch.Prefetch(ref Unsafe.Add(ref partners, start));
                CachePrefetch.Prefetch(ref Unsafe.Add(ref partners, start + (end - start > PartnerFilter.HalfBlockSize ? PartnerFilter.BlockSize - 1u : PartnerFilter.HalfBlockSize - 1u)));
                last++;
            }
            while (last < ranges && Unsafe.Add(ref buckets, last) >> KeyBits == run);

            first = last;
        }
    }

    // Phase 3: filters the partner keys of ranges from `next` (inside it from block offset `resume`), prefetching the
    // positions of survivors, until all are done or the next block could overflow the candidate buffer; returns the
    // range to resume at (`ranges` when done).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int FilterRanges(ProbeScratch scratch, int next, int ranges, ref uint resume, ref int candidateCount, ref long workBudget)
    {
        ref var buckets = ref MemoryMarshal.GetArrayDataReference(scratch.Buckets);
        ref var starts = ref MemoryMarshal.GetArrayDataReference(scratch.RangeStarts);
        ref var ends = ref MemoryMarshal.GetArrayDataReference(scratch.RangeEnds);
        ref var keys = ref MemoryMarshal.GetArrayDataReference(scratch.ChunkKeys);
        ref var allowances = ref MemoryMarshal.GetArrayDataReference(scratch.RangeAllowances);
        ref var candidates = ref MemoryMarshal.GetArrayDataReference(scratch.Candidates);
        var nibbles512 = PartnerFilter.NibbleCounts512;
        var nibbles256 = PartnerFilter.NibbleCounts256;
        var count = candidateCount;
        var budget = workBudget;
        var first = next;
        var offset = resume;
        while (first < ranges)
        {
            var run = Unsafe.Add(ref buckets, first) >> KeyBits;
            var chunk = (int)(run % ChunkCount);
            var partnerKey = Unsafe.Add(ref keys, (int)(run ^ 1));
            var key512 = Vector512.Create(partnerKey);
            var key256 = Vector256.Create(partnerKey);
            var tag = run << 24;
            ref var partners = ref MemoryMarshal.GetArrayDataReference(_partners[chunk]);
            ref var positions = ref MemoryMarshal.GetArrayDataReference(_positions[chunk]);
            do
            {
                var start = Unsafe.Add(ref starts, first);
                var end = Unsafe.Add(ref ends, first);
                var allowance = Unsafe.Add(ref allowances, first);
                for (var i = start + offset; i < end; i += PartnerFilter.BlockSize)
                {
                    if (count > ProbeScratch.CandidateBatch - PartnerFilter.BlockSize)
                    {
                        resume = i - start;
                        candidateCount = count;
                        workBudget = budget;
                        return first;
                    }

                    var left = end - i;
                    uint mask;
                    if (left > PartnerFilter.HalfBlockSize)
                    {
                        mask = Avx512BW.IsSupported
                            ? PartnerFilter.Match512(ref Unsafe.Add(ref partners, i), key512, Vector512.Create((ushort)allowance), nibbles512)
                            : PartnerFilter.Match(ref Unsafe.Add(ref partners, i), partnerKey, allowance);
                        if (left < PartnerFilter.BlockSize)
                        {
                            mask &= (1u << (int)left) - 1;
                        }
                    }
                    else
                    {
                        mask = Avx2.IsSupported
                            ? PartnerFilter.Match256(ref Unsafe.Add(ref partners, i), key256, Vector256.Create((ushort)allowance), nibbles256)
                            : PartnerFilter.MatchHalf(ref Unsafe.Add(ref partners, i), partnerKey, allowance);
                        mask &= (1u << (int)left) - 1;
                    }

                    while (mask != 0)
                    {
                        var entry = i + (uint)BitOperations.TrailingZeroCount(mask);
                        mask &= mask - 1;
                        CachePrefetch.Prefetch(ref Unsafe.Add(ref positions, entry * 3));
                        Unsafe.Add(ref candidates, count++) = tag | entry;
                        budget -= CandidateUnits;
                    }
                }

                budget -= ProbeUnits + (end - start); // charged once, when the range is done
                offset = 0;
                first++;
            }
            while (first < ranges && Unsafe.Add(ref buckets, first) >> KeyBits == run);
        }

        resume = 0;
        candidateCount = count;
        workBudget = budget;
        return ranges;
    }

    // Resolves candidates (run << 24 | entry, the run being needle * 16 + chunk) to positions, prefetching their
    // hashes, then checks the full distance to their needle.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Verify<TSink>(
        PackedHashSegment store, ReadOnlySpan<Hash256> needles, int firstNeedleIndex, int maxDistance, ProbeScratch scratch, int count, ref TSink sink)
        where TSink : struct, IMatchSink
    {
        ref var lanes = ref store.LaneData;
        var candidates = scratch.Candidates;
        var positions = scratch.CandidatePositions;
        for (var j = 0; j < count; j++)
        {
            var candidate = candidates[j];
            var position = (uint)ReadPosition(_positions[(candidate >> 24) % ChunkCount], candidate & 0xFF_FFFF);
            positions[j] = position;
            CachePrefetch.Prefetch(ref Unsafe.Add(ref lanes, (nuint)position * 4));
        }

        for (var j = 0; j < count; j++)
        {
            var position = positions[j];
            var k = (int)(candidates[j] >> 24) / ChunkCount;
            var distance = HammingScanKernels.Distance(ref lanes, position, needles[k]);
            if (distance <= maxDistance)
            {
                sink.OnMatch((int)position, distance, firstNeedleIndex + k);
            }
        }
    }

    /// <summary>Position of the live pair (<paramref name="hash"/>, <paramref name="id"/>) in <paramref name="store"/>, or -1.</summary>
    public int FindExact(PackedHashSegment store, in Hash256 hash, long id)
    {
        // The chunk whose exact bucket is shortest: cheap even when most chunks of this hash sit in a crowded bucket.
        var chunk = 0;
        var shortest = uint.MaxValue;
        for (var c = 0; c < ChunkCount; c++)
        {
            var bucket = Layout.Key(hash, c);
            var length = _offsets[c][bucket + 1] - _offsets[c][bucket];
            if (length < shortest)
            {
                (chunk, shortest) = (c, length);
            }
        }

        var key = Layout.Key(hash, chunk);
        var partnerKey = (ushort)Layout.Key(hash, chunk ^ 1);
        var partners = _partners[chunk];
        ref var lanes = ref store.LaneData;
        for (var i = _offsets[chunk][key]; i < _offsets[chunk][key + 1]; i++)
        {
            if (partners[i] != partnerKey)
            {
                continue;
            }

            var position = ReadPosition(_positions[chunk], i);
            if (store.GetId(position) == id && HammingScanKernels.Distance(ref lanes, (nuint)position, hash) == 0 && store.IsLive(position))
            {
                return position;
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ReadPosition(byte[] positions, uint entry) =>
        (int)(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(positions), entry * 3)) & 0xFF_FFFF);

    // Sorts the chunk's entries by key with a stable LSD radix sort of (key << 48 | partner key << 24 | position)
    // items, two passes of 8 bits whose 256 destinations stay in L1. Both keys are taken in one sequential pass over the
    // hashes, so no hash is read at random.
    private static (uint[] Offsets, ushort[] Partners, byte[] Positions) BuildChunk(PackedHashSegment store, int chunk, ChunkTables.BuildScratch scratch)
    {
        const int DigitBits = 8;
        const int Digits = 1 << DigitBits;
        var count = store.Count;
        var items = scratch.Items;
        var spare = scratch.Spare;
        var histograms = scratch.Histograms(2 * Digits);
        ref var lanes = ref store.LaneData;
        var partnerChunk = chunk ^ 1;
        for (var i = 0; i < count; i++)
        {
            ref var hash = ref Unsafe.Add(ref lanes, (nuint)i * 4);
            var key = Layout.Key(ref hash, chunk);
            items[i] = ((ulong)key << 48) | ((ulong)Layout.Key(ref hash, partnerChunk) << 24) | (uint)i;
            histograms[(int)(key & (Digits - 1))]++;
            histograms[Digits + (int)(key >> DigitBits)]++;
        }

        for (var pass = 0; pass < 2; pass++)
        {
            var histogram = histograms.AsSpan(pass * Digits, Digits);
            var sum = 0;
            for (var d = 0; d < Digits; d++)
            {
                (histogram[d], sum) = (sum, sum + histogram[d]);
            }

            var shift = 48 + (pass * DigitBits);
            for (var i = 0; i < count; i++)
            {
                var item = items[i];
                spare[histogram[(int)(item >> shift) & (Digits - 1)]++] = item;
            }

            (items, spare) = (spare, items);
        }

        var offsets = GC.AllocateUninitializedArray<uint>(Buckets + 1);
        var partners = GC.AllocateUninitializedArray<ushort>(count + PartnerFilter.BlockSize);
        var positions = GC.AllocateUninitializedArray<byte>((count * 3) + 1);
        partners.AsSpan(count).Clear();
        positions[^1] = 0;
        var next = 0;
        for (var i = 0; i < count; i++)
        {
            var item = items[i];
            var bucket = (int)(item >> 48);
            while (next <= bucket)
            {
                offsets[next++] = (uint)i;
            }

            partners[i] = (ushort)(item >> 24);
            positions[i * 3] = (byte)item;
            positions[(i * 3) + 1] = (byte)(item >> 8);
            positions[(i * 3) + 2] = (byte)(item >> 16);
        }

        while (next <= Buckets)
        {
            offsets[next++] = (uint)count;
        }

        return (offsets, partners, positions);
    }

    // Expected nanoseconds of one needle's probes at distance d over random hashes (steers PreferFlat only).
    private static double ModelCost(int d, int count)
    {
        double probes = 0, entries = 0, candidates = 0;
        var perBucket = (double)count / Buckets;
        for (var c = 0; c < ChunkCount; c++)
        {
            int radius = Radii[(d * ChunkCount) + c], allowance = PairAllowances[(d * ChunkCount) + c];
            for (var flips = 0; flips <= radius; flips++)
            {
                var buckets = ProbePlan.Binomial(KeyBits, flips);
                double passing = 0;
                for (var j = 0; j <= Math.Min(KeyBits, allowance - flips); j++)
                {
                    passing += ProbePlan.Binomial(KeyBits, j);
                }

                probes += buckets;
                entries += buckets * perBucket;
                candidates += buckets * perBucket * passing / Buckets;
            }
        }

        return (probes * ProbePlan.ProbeNanoseconds) + (entries * EntryNanoseconds) + (candidates * 2 * ProbePlan.CandidateNanoseconds);
    }
}
