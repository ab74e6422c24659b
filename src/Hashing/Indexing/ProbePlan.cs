namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// Per query distance, how far to search in each chunk (generalised pigeonhole), what that is expected to cost, and
/// whether a flat scan would be cheaper. Also chooses the chunk layout for a given number of hashes.
/// </summary>
/// <remarks>
/// <para>
/// Pigeonhole, generalised: give chunk <c>c</c> a radius <c>t_c &gt;= -1</c> with <c>sum(t_c + 1) = d + 1</c>. If a
/// hash is within <c>d</c> of the needle, some chunk differs by at most <c>t_c</c> bits (otherwise the chunk
/// distances would sum to at least <c>d + 1</c>); <c>t_c = -1</c> means the chunk is not probed. The classic
/// <c>t = floor(d / m)</c> everywhere is one such assignment; choosing the radii by cost does better: at d = 31 with
/// 11 chunks it probes ten chunks at radius 2 and one at radius 1 instead of all eleven at radius 2.
/// </para>
/// <para>
/// The cost of a chunk at radius t (per needle): <c>V(h, t)</c> bucket probes (random reads of the offset table),
/// <c>V(h, t) * n / 2^h</c> entries scanned, and <c>n * V(b, t) / 2^b</c> expected candidates verified against the
/// full hash (a random 32-byte read each), where <c>V(k, t)</c> is the number of k-bit keys within t bits. Costs are
/// convex in t, so adding one unit at a time to the chunk with the smallest marginal cost is optimal. The constants
/// are nanoseconds measured on the benchmark machine (docs/performance.md); they only steer choices, never results.
/// </para>
/// </remarks>
internal sealed class ProbePlan
{
    /// <summary>
    /// Index bytes per hash allowed on top of the 40 of hash + id: at most 110 bytes per hash in all, leaving room
    /// under the 128-byte target for the delta, tombstones and list slack.
    /// </summary>
    public const double IndexBytesBudgetPerHash = 70;

    /// <summary>The distance the layout is optimised for: PDQ's usual match threshold.</summary>
    public const int DesignDistance = 31;

    /// <summary>A looser distance also weighed in the layout choice (at a quarter weight: it costs ~5x more), so a
    /// layout is not chosen for a marginal gain at 31 that doubles the cost at 40.</summary>
    public const int SecondaryDistance = 40;

    /// <summary>Layouts whose modelled cost is within this factor of the best count as equally fast (then least memory wins).</summary>
    public const double CostTolerance = 1.02;

    // Least-squares fit of measured query times (IndexLayoutBenchmarks: chunk counts 10..13, table widths 18..23,
    // distances 31 and 40, at 1 and 10 million hashes; docs/performance.md): one bucket probe (offset read plus the
    // entries' first line, partly overlapped by the batched prefetching), one bucket entry scanned, one candidate
    // verified (random read of its hash). The fits at 1 and 10 million agree on probes (14-15 ns) and candidates
    // (24-29 ns); entries (4-20 ns) matter little. Flat scan: memory-bound at one needle; each further needle adds
    // compute. Only ratios steer the choices.
    internal const double ProbeNanoseconds = 15;
    internal const double EntryNanoseconds = 5;
    internal const double CandidateNanoseconds = 26;
    internal const double FlatNanosecondsPerHash = 1.4;
    internal const double FlatNanosecondsPerExtraNeedle = 0.5;

    /// <summary>Budget units charged per scanned bucket entry (see <see cref="WorkBudget"/>).</summary>
    internal const int EntryUnits = 1;

    /// <summary>Budget units charged per verified candidate: CandidateNanoseconds / EntryNanoseconds, rounded.</summary>
    internal const int CandidateUnits = 5;

    private static readonly double[,] Binomials = CreateBinomials(64);

    private readonly sbyte[] _thresholds;
    private readonly double[] _costPerNeedle;
    private readonly int _count;

    private ProbePlan(ChunkLayout layout, int count)
    {
        Layout = layout;
        _count = count;
        var m = layout.ChunkCount;
        _thresholds = new sbyte[(IndexArguments.MaxQueryDistance + 1) * m];
        _costPerNeedle = new double[IndexArguments.MaxQueryDistance + 1];

        // Greedy allocation is incremental: the plan for d + 1 is the plan for d plus one unit.
        var costs = CostTables(layout, count);
        Span<int> radii = stackalloc int[m];
        radii.Fill(-1);
        double total = 0;
        for (var d = 0; d <= IndexArguments.MaxQueryDistance; d++)
        {
            total += AddUnit(layout, costs, radii);
            _costPerNeedle[d] = total;
            for (var c = 0; c < m; c++)
            {
                _thresholds[(d * m) + c] = (sbyte)radii[c];
            }
        }
    }

    /// <summary>The layout this plan is for.</summary>
    public ChunkLayout Layout { get; }

    /// <summary>Builds the plan for <paramref name="layout"/> over <paramref name="count"/> hashes.</summary>
    public static ProbePlan Create(ChunkLayout layout, int count) => new(layout, count);

    /// <summary>
    /// Chooses chunk count and table width for <paramref name="count"/> hashes: the layout with the lowest modelled
    /// cost at <see cref="DesignDistance"/> (plus a quarter of that at <see cref="SecondaryDistance"/>) whose tables fit <see cref="IndexBytesBudgetPerHash"/> and whose
    /// positions fit the entry format (for tiny counts, where no layout fits the budget, the smallest).
    /// <paramref name="chunkCount"/> &gt; 0 pins the chunk count,
    /// <paramref name="tableBits"/> &gt; 0 the table index width (benchmarks of the choice).
    /// </summary>
    public static ChunkLayout ChooseLayout(int count, int chunkCount = 0, int tableBits = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var log2 = Math.Max(1, (int)Math.Ceiling(Math.Log2(count)));
        var options = new List<(ChunkLayout Layout, double Cost, double Bytes)>();
        Span<int> radii = stackalloc int[ChunkLayout.MaxChunkCount];
        var firstM = chunkCount > 0 ? chunkCount : ChunkLayout.MinChunkCount;
        var lastM = chunkCount > 0 ? chunkCount : 20;
        var firstH = tableBits > 0 ? tableBits : Math.Max(1, log2 - 6);
        var lastH = tableBits > 0 ? tableBits : Math.Min(ChunkLayout.MaxTableBits, log2 + 1);
        for (var m = firstM; m <= lastM; m++)
        {
            for (var h = firstH; h <= lastH; h++)
            {
                var layout = new ChunkLayout(m, h);
                if (((long)(count - 1) >> (32 - layout.MaxLowBits)) != 0)
                {
                    continue; // positions would not fit next to the low key bits
                }

                var costs = CostTables(layout, count);
                var cost = Allocate(layout, costs, DesignDistance, radii[..m]) + (Allocate(layout, costs, SecondaryDistance, radii[..m]) / 4);
                options.Add((layout, cost, IndexBytesPerHash(layout, count)));
            }
        }

        if (options.Count == 0)
        {
            throw new InvalidOperationException($"No chunk layout fits {count} hashes with {chunkCount} chunks and {tableBits}-bit tables.");
        }

        // Within the memory budget if anything is (tiny bases, where offsets dominate, may not be: then least memory).
        var affordable = options.Where(option => option.Bytes <= IndexBytesBudgetPerHash).ToList();
        if (affordable.Count == 0)
        {
            return options.MinBy(option => option.Bytes).Layout;
        }

        // Measured query times are flat near the optimum (at 10 million hashes, 22- and 23-bit tables answer d = 31
        // equally fast while memory differs by 18 bytes per hash): among the near-best, take the smallest.
        var bestCost = affordable.Min(option => option.Cost);
        return affordable
            .Where(option => option.Cost <= bestCost * CostTolerance)
            .MinBy(option => option.Bytes)
            .Layout;
    }

    /// <summary>Bytes per hash of the chunk tables of <paramref name="layout"/> over <paramref name="count"/> hashes.</summary>
    public static double IndexBytesPerHash(ChunkLayout layout, int count)
    {
        double bytes = 0;
        for (var c = 0; c < layout.ChunkCount; c++)
        {
            bytes += (4.0 * count) + (4.0 * ((1L << layout.TableBits(c)) + 1));
        }

        return bytes / count;
    }

    /// <summary>Radius per chunk for <paramref name="maxDistance"/> (-1: chunk not probed).</summary>
    public ReadOnlySpan<sbyte> Thresholds(int maxDistance) =>
        _thresholds.AsSpan(maxDistance * Layout.ChunkCount, Layout.ChunkCount);

    /// <summary>Modelled nanoseconds of one needle's probes at <paramref name="maxDistance"/>.</summary>
    public double ProbeCost(int maxDistance) => _costPerNeedle[maxDistance];

    /// <summary>Modelled nanoseconds of a flat scan with <paramref name="needles"/> needles.</summary>
    public double FlatCost(int needles) => FlatCost(_count, needles);

    /// <summary>Modelled nanoseconds of a flat scan of <paramref name="count"/> hashes with <paramref name="needles"/> needles.</summary>
    public static double FlatCost(int count, int needles) =>
        count * (FlatNanosecondsPerHash + (FlatNanosecondsPerExtraNeedle * (Math.Min(needles, HammingScanKernels.NeedlesPerPass) - 1))) *
        ((needles + HammingScanKernels.NeedlesPerPass - 1) / HammingScanKernels.NeedlesPerPass);

    /// <summary>n choose k (n up to 64), as a double.</summary>
    internal static double Binomial(int n, int k) => Binomials[n, k];

    /// <summary>Whether a flat scan is expected to beat probing for this query shape.</summary>
    public bool PreferFlat(int maxDistance, int needles) => ProbeCost(maxDistance) * needles > FlatCost(needles);

    /// <summary>
    /// Work units (<see cref="EntryUnits"/> per scanned bucket entry, <see cref="CandidateUnits"/> per verified
    /// candidate) the probes of a query may spend before a flat scan is cheaper: the run-time guard for data the model
    /// does not describe (clusters of near-identical hashes make some buckets huge).
    /// </summary>
    public long WorkBudget(int needles) => (long)(FlatCost(needles) / EntryNanoseconds);

    // Greedy allocation of d + 1 units; writes the radii and returns the modelled cost.
    private static double Allocate(ChunkLayout layout, double[][] costs, int maxDistance, Span<int> radii)
    {
        radii.Fill(-1);
        double total = 0;
        for (var unit = 0; unit <= maxDistance; unit++)
        {
            total += AddUnit(layout, costs, radii);
        }

        return total;
    }

    // Gives one more unit of radius to the chunk where it costs least; returns that marginal cost.
    private static double AddUnit(ChunkLayout layout, double[][] costs, Span<int> radii)
    {
        var bestChunk = -1;
        var bestDelta = double.MaxValue;
        for (var c = 0; c < radii.Length; c++)
        {
            if (radii[c] >= layout.ChunkBits(c))
            {
                continue; // already matches every key
            }

            // costs[c][t + 1] is the cost at radius t (index 0: not probed).
            var delta = costs[c][radii[c] + 2] - costs[c][radii[c] + 1];
            if (delta < bestDelta)
            {
                (bestChunk, bestDelta) = (c, delta);
            }
        }

        radii[bestChunk]++;
        return bestDelta;
    }

    // Per chunk, the modelled cost at radius -1..b (chunks of the same shape share one table).
    private static double[][] CostTables(ChunkLayout layout, int count)
    {
        var tables = new double[layout.ChunkCount][];
        for (var c = 0; c < layout.ChunkCount; c++)
        {
            var same = c > 0 && layout.ChunkBits(c - 1) == layout.ChunkBits(c) && layout.TableBits(c - 1) == layout.TableBits(c);
            if (same)
            {
                tables[c] = tables[c - 1];
                continue;
            }

            var b = layout.ChunkBits(c);
            tables[c] = new double[b + 2];
            for (var radius = 0; radius <= b; radius++)
            {
                tables[c][radius + 1] = ChunkCost(layout, count, c, radius);
            }
        }

        return tables;
    }

    private static double ChunkCost(ChunkLayout layout, int count, int chunk, int radius)
    {
        int h = layout.TableBits(chunk), s = layout.LowBits(chunk), b = layout.ChunkBits(chunk);
        double probes = 0, candidateKeys = 0;
        for (var r = 0; r <= Math.Min(radius, h); r++)
        {
            probes += Binomials[h, r];
            double lowKeys = 0;
            for (var j = 0; j <= Math.Min(radius - r, s); j++)
            {
                lowKeys += Binomials[s, j];
            }

            candidateKeys += Binomials[h, r] * lowKeys;
        }

        var scanned = probes * count / Math.Pow(2, h);
        var candidates = candidateKeys * count / Math.Pow(2, b);
        return (probes * ProbeNanoseconds) + (scanned * EntryNanoseconds) + (candidates * CandidateNanoseconds);
    }

    private static double[,] CreateBinomials(int size)
    {
        var table = new double[size + 1, size + 1];
        for (var n = 0; n <= size; n++)
        {
            table[n, 0] = 1;
            for (var k = 1; k <= n; k++)
            {
                table[n, k] = table[n - 1, k - 1] + table[n - 1, k];
            }
        }

        return table;
    }
}
