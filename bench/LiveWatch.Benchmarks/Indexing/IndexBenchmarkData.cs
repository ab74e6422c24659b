using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Benchmarks.Indexing;

/// <summary>How the stored hashes are distributed.</summary>
public enum HashDistribution
{
    /// <summary>Independent uniform bits.</summary>
    Uniform,

    /// <summary>Exactly 128 of 256 bits set, like PDQ hashes (thresholded at the median).</summary>
    Balanced128,

    /// <summary>Balanced hashes, 10% of them in clusters of 100 near copies (within 10 bits) of a centre.</summary>
    Clustered,
}

/// <summary>
/// A reproducible query workload: stored hashes with ids, needles, and for each needle the ids planted near it
/// (copies at distance 1..31, one exactly at 31) whose recall the benchmark checks.
/// </summary>
public sealed class IndexBenchmarkData
{
    /// <summary>Needles per workload; single-needle benchmarks cycle through them.</summary>
    public const int NeedleCount = 1024;

    /// <summary>Near copies planted per needle.</summary>
    public const int PlantedPerNeedle = 4;

    /// <summary>The query distance of every benchmark (PDQ's usual threshold).</summary>
    public const int Distance = 31;

    private IndexBenchmarkData(Hash256[] hashes, long[] ids, Hash256[] needles, long[][] planted)
    {
        Hashes = hashes;
        Ids = ids;
        Needles = needles;
        Planted = planted;
    }

    /// <summary>The stored hashes.</summary>
    public Hash256[] Hashes { get; }

    /// <summary>The stored ids (the position, so planted ids are positions).</summary>
    public long[] Ids { get; }

    /// <summary>The needles.</summary>
    public Hash256[] Needles { get; }

    /// <summary>For needle k, the ids planted within <see cref="Distance"/> of it.</summary>
    public long[][] Planted { get; }

    /// <summary><paramref name="count"/> uniform random hashes (seeded).</summary>
    public static Hash256[] RandomHashes(int count, int seed)
    {
        var random = new Random(seed);
        var hashes = new Hash256[count];
        for (var i = 0; i < count; i++)
        {
            hashes[i] = Uniform(random);
        }

        return hashes;
    }

    /// <summary>
    /// Generates <paramref name="count"/> hashes (seeded, so every run sees the same data; at least 100,000 so the
    /// planted copies fit outside the clusters).
    /// </summary>
    public static IndexBenchmarkData Create(int count, HashDistribution distribution = HashDistribution.Uniform, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 100_000);
        var random = new Random(seed);
        var hashes = new Hash256[count];
        for (var i = 0; i < count; i++)
        {
            hashes[i] = distribution == HashDistribution.Uniform ? Uniform(random) : Balanced(random);
        }

        if (distribution == HashDistribution.Clustered)
        {
            // 10% of the positions become 100-hash clusters around the first hash of each run of 100.
            for (var start = 0; start + 100 <= count / 10; start += 100)
            {
                for (var i = start + 1; i < start + 100; i++)
                {
                    hashes[i] = Flip(hashes[start], random.Next(11), random);
                }
            }
        }

        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = i;
        }

        // Needles: half fresh, and for clustered data half near a cluster centre (the hard case: big buckets).
        var needles = new Hash256[NeedleCount];
        var planted = new long[NeedleCount][];
        var used = new HashSet<int>();
        var clusterCentres = count / 10 / 100;
        for (var k = 0; k < NeedleCount; k++)
        {
            needles[k] = distribution == HashDistribution.Clustered && k % 2 == 1 && clusterCentres > 0
                ? Flip(hashes[random.Next(clusterCentres) * 100], 12, random)
                : distribution == HashDistribution.Uniform ? Uniform(random) : Balanced(random);
            planted[k] = new long[PlantedPerNeedle];
            for (var j = 0; j < PlantedPerNeedle; j++)
            {
                int position;
                do
                {
                    position = (count / 10) + random.Next(count - (count / 10)); // outside the clusters
                }
                while (!used.Add(position));

                hashes[position] = Flip(needles[k], j == 0 ? Distance : random.Next(1, Distance), random);
                planted[k][j] = position;
            }
        }

        return new IndexBenchmarkData(hashes, ids, needles, planted);
    }

    /// <summary>
    /// Builds an index over the data and returns it with the managed bytes it retains per hash: the difference of
    /// <see cref="GC.GetTotalMemory(bool)"/> (after full blocking collections) before and after the build, divided by the
    /// number of hashes. The data arrays are alive at both points, so they cancel out.
    /// </summary>
    public (T Index, double BytesPerHash, TimeSpan BuildTime) Build<T>(Func<T> create)
        where T : IHashIndex
    {
        var before = SettledMemory();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var index = create();
        index.AddRange(Hashes, Ids);
        var buildTime = watch.Elapsed;
        var after = SettledMemory();
        GC.KeepAlive(index);
        return (index, (after - before) / (double)Hashes.Length, buildTime);
    }

    /// <summary>
    /// Checks that <paramref name="index"/> finds every planted id of the first <paramref name="needles"/> needles;
    /// returns (found, expected). Throws if recall is below 100%, so a broken index cannot produce a benchmark table.
    /// </summary>
    public (int Found, int Expected) CheckRecall(IHashIndex index, int needles = NeedleCount)
    {
        var results = new List<HashMatch>();
        int found = 0, expected = 0;
        for (var k = 0; k < needles; k++)
        {
            results.Clear();
            index.FindAll(Needles[k], Distance, results);
            foreach (var id in Planted[k])
            {
                expected++;
                found += results.Exists(match => match.Id == id) ? 1 : 0;
            }
        }

        if (found != expected)
        {
            throw new InvalidOperationException($"Recall {found}/{expected}: the index missed planted matches.");
        }

        return (found, expected);
    }

    /// <summary>The 8 needles of query <paramref name="k"/>: needle k (which has planted matches) and 7 others.</summary>
    public Hash256[] NeedleGroup(int k)
    {
        var group = new Hash256[8];
        for (var j = 0; j < 8; j++)
        {
            group[j] = Needles[(k + (j * 131)) % NeedleCount];
        }

        return group;
    }

    private static long SettledMemory()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static Hash256 Uniform(Random random) =>
        new((ulong)random.NextInt64() ^ ((ulong)random.Next() << 63), (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63),
            (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63), (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63));

    // Uniform, then random bits flipped towards exactly 128 set.
    private static Hash256 Balanced(Random random)
    {
        var hash = Uniform(random);
        Span<ulong> lanes = stackalloc ulong[4];
        hash.Lanes.CopyTo(lanes);
        var set = hash.PopCount;
        while (set != 128)
        {
            var bit = random.Next(256);
            var isSet = (lanes[bit >> 6] & (1UL << bit)) != 0;
            if (isSet == set > 128)
            {
                lanes[bit >> 6] ^= 1UL << bit;
                set += isSet ? -1 : 1;
            }
        }

        return new Hash256(lanes[0], lanes[1], lanes[2], lanes[3]);
    }

    private static Hash256 Flip(Hash256 hash, int distance, Random random)
    {
        Span<ulong> lanes = stackalloc ulong[4];
        hash.Lanes.CopyTo(lanes);
        Span<ulong> flipped = stackalloc ulong[4];
        for (var done = 0; done < distance;)
        {
            var bit = random.Next(256);
            if ((flipped[bit >> 6] & (1UL << bit)) == 0)
            {
                flipped[bit >> 6] |= 1UL << bit;
                lanes[bit >> 6] ^= 1UL << bit;
                done++;
            }
        }

        return new Hash256(lanes[0], lanes[1], lanes[2], lanes[3]);
    }

    /// <summary>One line describing an index for the benchmark log.</summary>
    internal static string Describe(IHashIndex index) => index switch
    {
        MultiIndexHashIndex { BaseIsPaired: true } =>
            $"multi-index: paired tables, 16 chunks of 16 bits, kernel {HammingScanKernels.Best}",
        MultiIndexHashIndex multi when multi.BaseLayout is { } layout =>
            $"multi-index: {layout.ChunkCount} chunks of {layout.ChunkBits(layout.ChunkCount - 1)}-{layout.ChunkBits(0)} bits, " +
            $"{layout.TableBitsRequested}-bit tables, kernel {HammingScanKernels.Best}",
        _ => $"{index.GetType().Name}, kernel {HammingScanKernels.Best}",
    };
}
