using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Hashing.Tests.Indexing;

/// <summary>The LSM side of <see cref="MultiIndexHashIndex"/>: delta, tombstones, merges and writes racing a merge.</summary>
public sealed class MultiIndexHashIndexMergeTests
{
    [Fact]
    public void AddsPastTheThresholdAreMergedIntoTheBase()
    {
        var index = new MultiIndexHashIndex(MultiIndexHashIndexTests.SmallOptions(deltaMergeThreshold: 500));
        var model = new BruteForceIndexModel();
        var hashes = IndexTestData.Uniform(5_000, seed: 30);
        Load(index, model, hashes, IndexTestData.SequentialIds(5_000));
        Assert.Equal(5_000, index.BaseCount);
        Assert.NotNull(index.BaseLayout);

        var random = new Random(31);
        for (var i = 0; i < 1_234; i++)
        {
            var hash = IndexTestData.AtDistance(hashes[random.Next(hashes.Length)], random.Next(1, 32), random);
            Assert.True(index.Add(hash, 10_000 + i));
            model.Add(hash, 10_000 + i);
        }

        // Two merges (at 500 and 1,000 delta pairs); 234 pairs still in the delta.
        Assert.Equal(6_000, index.BaseCount);
        Assert.Equal(234, index.DeltaCount);
        AssertSameAsModel(index, model, hashes, seed: 32);
    }

    [Fact]
    public void RemovedBasePairsAreTombstonedThenDroppedByCompact()
    {
        var index = new MultiIndexHashIndex(MultiIndexHashIndexTests.SmallOptions(deltaMergeThreshold: 100_000));
        var model = new BruteForceIndexModel();
        var hashes = IndexTestData.Uniform(8_000, seed: 33);
        Load(index, model, hashes, IndexTestData.SequentialIds(8_000));

        for (var i = 0; i < 8_000; i += 3)
        {
            Assert.True(index.Remove(hashes[i], i));
            model.Remove(hashes[i], i);
        }

        Assert.Equal(8_000, index.BaseCount); // tombstoned, still stored
        AssertSameAsModel(index, model, hashes, seed: 34);

        index.Compact();
        Assert.Equal(model.Count, index.BaseCount);
        Assert.Equal(model.Count, index.Count);
        AssertSameAsModel(index, model, hashes, seed: 35);
    }

    [Fact]
    public void RemovingAQuarterOfTheBaseTriggersAMerge()
    {
        var index = new MultiIndexHashIndex(MultiIndexHashIndexTests.SmallOptions(deltaMergeThreshold: 100));
        var hashes = IndexTestData.Uniform(4_000, seed: 36);
        index.AddRange(hashes, IndexTestData.SequentialIds(4_000));
        for (var i = 0; i < 1_001; i++)
        {
            index.Remove(hashes[i], i);
        }

        Assert.Equal(2_999, index.BaseCount);
    }

    [Fact]
    public void WritesDuringAMergeAreKeptAndRemovalsOfMergingPairsAreReplayed()
    {
        var model = new BruteForceIndexModel();
        var hashes = IndexTestData.Uniform(3_000, seed: 37);
        var random = new Random(38);
        var deltaHashes = Enumerable.Range(0, 200).Select(i => IndexTestData.AtDistance(hashes[i], 5, random)).ToArray();
        MultiIndexHashIndex? index = null;
        var hookRuns = 0;

        void DuringMerge()
        {
            if (hookRuns++ > 0)
            {
                return;
            }

            // The delta (ids 10_000..10_199) is frozen and every live pair copied for the new base. Remove a base pair
            // and a frozen pair, re-add a removed base pair, add a new pair: each must be visible immediately, and
            // the removals must be replayed on the new base.
            Assert.True(index!.Remove(hashes[1], 1));
            Assert.True(index.Remove(deltaHashes[7], 10_007));
            Assert.False(index.Remove(deltaHashes[7], 10_007));
            Assert.True(index.Remove(hashes[2], 2));
            Assert.True(index.Add(hashes[2], 2));
            Assert.False(index.Add(hashes[3], 3)); // still stored in the old base
            Assert.False(index.Add(deltaHashes[8], 10_008)); // still stored in the frozen delta
            Assert.True(index.Add(hashes[4], 99));
            Assert.False(index.TryFindNearest(hashes[1], 0, out _));
            Assert.True(index.TryFindNearest(hashes[2], 0, out var readded));
            Assert.Equal(2, readded.Id);
        }

        index = new MultiIndexHashIndex(MultiIndexHashIndexTests.SmallOptions(deltaMergeThreshold: 200, hook: DuringMerge));
        Load(index, model, hashes, IndexTestData.SequentialIds(3_000));
        for (var i = 0; i < deltaHashes.Length; i++)
        {
            Assert.True(index.Add(deltaHashes[i], 10_000 + i)); // the 200th add triggers the merge (synchronously)
            model.Add(deltaHashes[i], 10_000 + i);
        }

        Assert.Equal(1, hookRuns);
        model.Remove(hashes[1], 1);
        model.Remove(deltaHashes[7], 10_007);
        model.Add(hashes[4], 99);
        Assert.Equal(model.Count, index.Count);
        Assert.Equal(3_200, index.BaseCount); // everything was copied; the three removals are replayed as tombstones
        AssertSameAsModel(index, model, hashes, seed: 39);

        index.Compact();
        Assert.Equal(model.Count, index.Count);
        AssertSameAsModel(index, model, hashes, seed: 40);
    }

    [Fact]
    public void AFailedMergeLosesNothingAndTheNextMergeSucceeds()
    {
        var fail = true;
        var options = new MultiIndexHashIndexOptions
        {
            MinimumIndexedCount = 1_000,
            DeltaMergeThreshold = 100,
            MergeInBackground = false,
            MergeBuildingHook = () =>
            {
                if (fail)
                {
                    fail = false;
                    throw new InsufficientExecutionStackException("simulated build failure");
                }
            },
        };
        var index = new MultiIndexHashIndex(options);
        var model = new BruteForceIndexModel();
        var hashes = IndexTestData.Uniform(2_000, seed: 41);
        Load(index, model, hashes, IndexTestData.SequentialIds(2_000));
        var random = new Random(42);
        for (var i = 0; i < 99; i++)
        {
            var hash = IndexTestData.RandomHash(random);
            index.Add(hash, 5_000 + i);
            model.Add(hash, 5_000 + i);
        }

        // In synchronous mode the failure reaches the writer, after its write was applied.
        var last = IndexTestData.RandomHash(random);
        Assert.Throws<InsufficientExecutionStackException>(() => index.Add(last, 9_999));
        model.Add(last, 9_999);
        Assert.Equal(model.Count, index.Count);
        AssertSameAsModel(index, model, hashes, seed: 43);

        index.Compact();
        Assert.Equal(2_100, index.BaseCount);
        AssertSameAsModel(index, model, hashes, seed: 44);
    }

    [Fact]
    public void ABackgroundMergeFailureIsReportedAndRetried()
    {
        var failures = 1;
        var options = new MultiIndexHashIndexOptions
        {
            MinimumIndexedCount = 1_000,
            DeltaMergeThreshold = 50,
            MergeBuildingHook = () =>
            {
                if (Interlocked.Decrement(ref failures) >= 0)
                {
                    throw new InsufficientExecutionStackException("simulated build failure");
                }
            },
        };
        var index = new MultiIndexHashIndex(options);
        var hashes = IndexTestData.Uniform(2_000, seed: 45);
        index.AddRange(hashes, IndexTestData.SequentialIds(2_000));
        var random = new Random(46);
        for (var i = 0; i < 50; i++)
        {
            index.Add(IndexTestData.RandomHash(random), 5_000 + i);
        }

        Assert.True(SpinWait.SpinUntil(() => index.LastMergeFailure is not null, TimeSpan.FromSeconds(30)));
        Assert.IsType<InsufficientExecutionStackException>(index.LastMergeFailure);
        Assert.Equal(2_050, index.Count);

        index.Compact();
        Assert.Null(index.LastMergeFailure);
        Assert.Equal(2_050, index.BaseCount);
        Assert.Equal(0, index.DeltaCount);
    }

    [Fact]
    public void BulkLoadIntoAnIndexWithDeltaAndTombstonesKeepsEverything()
    {
        var index = new MultiIndexHashIndex(MultiIndexHashIndexTests.SmallOptions(deltaMergeThreshold: 10_000));
        var model = new BruteForceIndexModel();
        var first = IndexTestData.Uniform(3_000, seed: 47);
        Load(index, model, first, IndexTestData.SequentialIds(3_000));
        var random = new Random(48);
        for (var i = 0; i < 500; i++)
        {
            var hash = IndexTestData.RandomHash(random);
            index.Add(hash, 20_000 + i);
            model.Add(hash, 20_000 + i);
            index.Remove(first[i], i);
            model.Remove(first[i], i);
        }

        // The second load repeats some stored pairs and some removed ones.
        var second = IndexTestData.Uniform(4_000, seed: 49).Concat(first[..1_000]).ToArray();
        var secondIds = IndexTestData.SequentialIds(4_000, first: 30_000).Concat(IndexTestData.SequentialIds(1_000)).ToArray();
        var expectedAdded = second.Zip(secondIds).Count(pair => model.Add(pair.First, pair.Second));
        Assert.Equal(expectedAdded, index.AddRange(second, secondIds));
        Assert.Equal(model.Count, index.Count);
        Assert.Equal(0, index.DeltaCount);
        AssertSameAsModel(index, model, first, seed: 50);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(11)]
    [InlineData(16)]
    [InlineData(32)]
    public void EveryChunkCountGivesTheBruteForceResults(int chunkCount)
    {
        var index = new MultiIndexHashIndex(MultiIndexHashIndexTests.SmallOptions(chunkCount: chunkCount));
        var model = new BruteForceIndexModel();
        var hashes = IndexTestData.Balanced(6_000, seed: 51);
        Load(index, model, hashes, IndexTestData.SequentialIds(6_000));
        Assert.Equal(chunkCount, index.BaseLayout!.ChunkCount);
        AssertSameAsModel(index, model, hashes, seed: 52);
    }

    [Fact]
    public void PairedTablesGiveTheBruteForceResults()
    {
        var index = new MultiIndexHashIndex(MultiIndexHashIndexTests.SmallOptions(paired: true));
        var model = new BruteForceIndexModel();
        var hashes = IndexTestData.Balanced(6_000, seed: 55);
        Load(index, model, hashes, IndexTestData.SequentialIds(6_000));
        Assert.True(index.BaseIsPaired);
        AssertSameAsModel(index, model, hashes, seed: 56);

        // Every distance, with the near copies the pigeonhole over pairs must not miss (one bit under, at, over d).
        var random = new Random(57);
        var results = new List<HashMatch>();
        for (var maxDistance = 0; maxDistance <= 63; maxDistance++)
        {
            foreach (var offset in new[] { -1, 0, 1 })
            {
                var needle = IndexTestData.AtDistance(hashes[random.Next(hashes.Length)], Math.Clamp(maxDistance + offset, 0, 256), random);
                results.Clear();
                index.FindAll(needle, maxDistance, results);
                Assert.Equal(model.FindAll([needle], maxDistance), results);
            }
        }
    }

    [Fact]
    public void PairedTablesProbeCrowdedBucketsToTheEnd()
    {
        // Buckets of thousands of matching entries, probed without the flat fallback: the filter hands candidates to
        // verification a buffer at a time and resumes inside a bucket, so every entry is reported exactly once.
        var random = new Random(59);
        var centre = IndexTestData.BalancedHash(random);
        var hashes = Enumerable.Range(0, 6_000)
            .Select(i => i < 2_500 ? IndexTestData.AtDistance(centre, i % 3, random) : IndexTestData.AtDistance(centre, random.Next(4, 40), random))
            .Concat(IndexTestData.Balanced(3_000, seed: 60))
            .ToArray();
        var index = new MultiIndexHashIndex(MultiIndexHashIndexTests.SmallOptions(paired: true));
        var model = new BruteForceIndexModel();
        Load(index, model, hashes, IndexTestData.SequentialIds(hashes.Length));
        Assert.True(index.BaseIsPaired);

        var results = new List<HashMatch>();
        foreach (var maxDistance in new[] { 0, 2, 16, 31, 63 })
        {
            Hash256[] needles = [centre, IndexTestData.AtDistance(centre, 5, random), IndexTestData.AtDistance(centre, 30, random)];
            results.Clear();
            index.FindAll(needles, maxDistance, results);
            Assert.Equal(model.FindAll(needles, maxDistance), results);
            Assert.NotEmpty(results);
        }
    }

    [Fact]
    public void DefaultOptionsIndexWithPairedTablesUnlessTheLayoutIsPinned()
    {
        var hashes = IndexTestData.Balanced(20_000, seed: 58);
        var defaults = new MultiIndexHashIndex(new MultiIndexHashIndexOptions { MergeInBackground = false });
        defaults.AddRange(hashes, IndexTestData.SequentialIds(hashes.Length));
        Assert.True(defaults.BaseIsPaired);

        var pinned = new MultiIndexHashIndex(MultiIndexHashIndexTests.SmallOptions(chunkCount: 16, paired: true));
        pinned.AddRange(hashes, IndexTestData.SequentialIds(hashes.Length));
        Assert.False(pinned.BaseIsPaired); // a pinned chunk count keeps the general layout
        Assert.Equal(16, pinned.BaseLayout!.ChunkCount);

        var small = new MultiIndexHashIndex(new MultiIndexHashIndexOptions { MergeInBackground = false });
        small.AddRange(hashes.AsSpan(0, 10_000), IndexTestData.SequentialIds(10_000));
        Assert.False(small.BaseIsPaired); // below MinimumIndexedCount the base is scanned flat
        Assert.Null(small.BaseLayout);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ClusteredDataFallsBackToAScanWithTheSameResults(bool paired)
    {
        // 10,000 near copies of one hash: any needle near it hits huge buckets in every chunk.
        var random = new Random(53);
        var centre = IndexTestData.BalancedHash(random);
        var hashes = Enumerable.Range(0, 10_000)
            .Select(i => i < 3_000 ? centre : IndexTestData.AtDistance(centre, random.Next(1, 12), random))
            .Concat(IndexTestData.Balanced(4_000, seed: 54))
            .ToArray();
        var index = new MultiIndexHashIndex(new MultiIndexHashIndexOptions
        {
            MinimumIndexedCount = 1_000,
            PairedMinimumCount = paired ? 1_000 : int.MaxValue,
        });
        var model = new BruteForceIndexModel();
        Load(index, model, hashes, IndexTestData.SequentialIds(hashes.Length));
        Assert.Equal(paired, index.BaseIsPaired);

        foreach (var needle in new[] { centre, IndexTestData.AtDistance(centre, 20, random), IndexTestData.AtDistance(centre, 45, random) })
        {
            foreach (var maxDistance in new[] { 0, 16, 31, 63 })
            {
                var results = new List<HashMatch>();
                index.FindAll(needle, maxDistance, results);
                Assert.Equal(model.FindAll([needle], maxDistance), results);
            }
        }

        // Removing by (hash, id) inside a crowded bucket finds the right pair.
        Assert.True(index.Remove(centre, 2_345));
        Assert.False(index.Remove(centre, 2_345));
        Assert.True(index.Remove(centre, 0));
        Assert.Equal(hashes.Length - 2, index.Count);
    }

    private static void Load(MultiIndexHashIndex index, BruteForceIndexModel model, Hash256[] hashes, long[] ids)
    {
        index.AddRange(hashes, ids);
        foreach (var (hash, id) in hashes.Zip(ids))
        {
            model.Add(hash, id);
        }
    }

    private static void AssertSameAsModel(IHashIndex index, BruteForceIndexModel model, Hash256[] near, int seed)
    {
        var random = new Random(seed);
        var results = new List<HashMatch>();
        foreach (var maxDistance in new[] { 0, 1, 16, 31, 40, 63 })
        {
            for (var q = 0; q < 6; q++)
            {
                var needle = IndexTestData.AtDistance(near[random.Next(near.Length)], random.Next(0, 36), random);
                results.Clear();
                index.FindAll(needle, maxDistance, results);
                Assert.Equal(model.FindAll([needle], maxDistance), results);
            }

            var group = IndexTestData.NeedleGroup(IndexTestData.AtDistance(near[random.Next(near.Length)], 10, random), random);
            results.Clear();
            index.FindAll(group, maxDistance, results);
            Assert.Equal(model.FindAll(group, maxDistance), results);
            Assert.Equal(model.Nearest(group, maxDistance), index.TryFindNearest(group, maxDistance, out var nearest) ? nearest : null);
        }
    }
}
