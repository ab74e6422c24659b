using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Hashing.Tests.Indexing;

/// <summary>Queries must not allocate once the caller's result list has grown (frames are matched continuously).</summary>
public sealed class HashIndexAllocationTests
{
    private const int MeasuredRounds = 5;

    private static readonly int[] Distances = [0, 16, 31, 63];

    public static TheoryData<string> Indexes() => ["flat", "multi-index", "multi-index with delta"];

    [Theory]
    [MemberData(nameof(Indexes))]
    public void QueriesDoNotAllocateInSteadyState(string kind)
    {
        var hashes = IndexTestData.Uniform(6_000, seed: 100);
        IHashIndex index = kind == "flat" ? new FlatHashIndex() : new MultiIndexHashIndex(new MultiIndexHashIndexOptions { MinimumIndexedCount = 1_000 });
        index.AddRange(hashes, IndexTestData.SequentialIds(hashes.Length));
        var random = new Random(101);
        if (kind.EndsWith("delta", StringComparison.Ordinal))
        {
            for (var i = 0; i < 200; i++)
            {
                index.Add(IndexTestData.AtDistance(hashes[i], 3, random), 50_000 + i);
                index.Remove(hashes[i + 1_000], i + 1_000);
            }
        }

        var needles = IndexTestData.NeedlesFor(hashes, 16, seed: 102);
        var results = new List<HashMatch>(4_096);
        RunQueries(); // warm-up: JIT, the thread's probe scratch

        // A query that allocates does so in every round. The runtime, though, occasionally charges a one-off
        // allocation to this thread in a round (seen twice in CI under parallel test load, 2-6 KB, never
        // locally in any JIT mode), so the property checked is that some round of the next few allocates nothing.
        var rounds = new List<long>(MeasuredRounds);
        for (var round = 0; round < MeasuredRounds; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            RunQueries();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated == 0)
            {
                return;
            }

            rounds.Add(allocated);
        }

        Assert.Fail($"Every steady-state round allocated; bytes per round: {string.Join(", ", rounds)}.");

        void RunQueries()
        {
            foreach (var maxDistance in Distances)
            {
                for (var q = 0; q < needles.Length; q++)
                {
                    results.Clear();
                    index.FindAll(needles[q], maxDistance, results);
                    index.TryFindNearest(needles[q], maxDistance, out _);
                    if (q + 8 <= needles.Length)
                    {
                        results.Clear();
                        index.FindAll(needles.AsSpan(q, 8), maxDistance, results);
                        index.TryFindNearest(needles.AsSpan(q, 8), maxDistance, out _);
                    }
                }
            }
        }
    }
}
