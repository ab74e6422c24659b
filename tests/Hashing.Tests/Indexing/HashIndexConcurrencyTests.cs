using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Hashing.Tests.Indexing;

/// <summary>
/// Queries racing writers and background merges. Pairs loaded before the race and never removed must be found by
/// every query during it (a query may never miss a live pair because of a concurrent write), ids outside the known
/// sets must never appear, and once the writers stop the index must equal the model.
/// </summary>
public sealed class HashIndexConcurrencyTests
{
    private const int ChurnCount = 1_000;
    private const int WriterRounds = 4;

    [Fact]
    public void MultiIndexQueriesStayConsistentDuringWritesAndMerges() =>
        Race(new MultiIndexHashIndex(new MultiIndexHashIndexOptions { MinimumIndexedCount = 1_000, DeltaMergeThreshold = 300 }), stableCount: 20_000);

    // Flat writes cost a scan each (and tests run unoptimised), hence the smaller set.
    [Fact]
    public void FlatQueriesStayConsistentDuringWritesAndCompactions() => Race(new FlatHashIndex(), stableCount: 2_000);

    private static void Race(IHashIndex index, int stableCount)
    {
        var stable = IndexTestData.Uniform(stableCount, seed: 60);
        index.AddRange(stable, IndexTestData.SequentialIds(stableCount));
        var random = new Random(61);
        var churn = Enumerable.Range(0, ChurnCount).Select(i => IndexTestData.AtDistance(stable[i], 12, random)).ToArray();
        var present = new bool[ChurnCount];

        using var stop = new CancellationTokenSource();
        var failures = new List<Exception>();
        var readers = Enumerable.Range(0, 2).Select(r => new Thread(() => Read(r)) { IsBackground = true }).ToArray();
        foreach (var reader in readers)
        {
            reader.Start();
        }

        // Writer: adds and removes the churn pairs (near copies of the first stable hashes) in rounds.
        var writerRandom = new Random(62);
        for (var round = 0; round < WriterRounds; round++)
        {
            for (var i = 0; i < ChurnCount; i++)
            {
                var j = writerRandom.Next(ChurnCount);
                if (present[j])
                {
                    Assert.True(index.Remove(churn[j], stableCount + j));
                }
                else
                {
                    Assert.True(index.Add(churn[j], stableCount + j));
                }

                present[j] = !present[j];
            }
        }

        stop.Cancel();
        foreach (var reader in readers)
        {
            reader.Join();
        }

        lock (failures)
        {
            Assert.Empty(failures);
        }

        (index as MultiIndexHashIndex)?.Compact();
        var model = new BruteForceIndexModel();
        for (var i = 0; i < stableCount; i++)
        {
            model.Add(stable[i], i);
        }

        for (var j = 0; j < ChurnCount; j++)
        {
            if (present[j])
            {
                model.Add(churn[j], stableCount + j);
            }
        }

        Assert.Equal(model.Count, index.Count);
        var results = new List<HashMatch>();
        for (var q = 0; q < 40; q++)
        {
            var needle = IndexTestData.AtDistance(stable[q * 37 % ChurnCount], 8, random);
            results.Clear();
            index.FindAll(needle, 31, results);
            Assert.Equal(model.FindAll([needle], 31), results);
        }

        void Read(int reader)
        {
            try
            {
                var readerRandom = new Random(70 + reader);
                var results = new List<HashMatch>();
                while (!stop.IsCancellationRequested)
                {
                    var target = readerRandom.Next(ChurnCount);
                    var needle = IndexTestData.AtDistance(stable[target], 6, readerRandom);
                    results.Clear();
                    index.FindAll([needle, IndexTestData.RandomHash(readerRandom)], 31, results);
                    var stableHit = results.Find(m => m.Id == target);
                    if (stableHit.Distance != 6 || stableHit.NeedleIndex != 0)
                    {
                        throw new InvalidOperationException($"Stable pair {target} missed during concurrent writes: {string.Join(", ", results)}");
                    }

                    if (results.Exists(m => m.Id < 0 || m.Id >= stableCount + ChurnCount))
                    {
                        throw new InvalidOperationException($"Unknown id returned: {string.Join(", ", results)}");
                    }

                    if (!index.TryFindNearest(stable[target], 0, out var exact) || exact.Id != target)
                    {
                        throw new InvalidOperationException($"Exact stable pair {target} missed.");
                    }
                }
            }
#pragma warning disable CA1031 // Collected and asserted on the test thread.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                lock (failures)
                {
                    failures.Add(failure);
                }
            }
        }
    }
}
