using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Hashing.Tests.Indexing;

/// <summary>
/// The behaviour every <see cref="IHashIndex"/> must have, checked against <see cref="BruteForceIndexModel"/>. Each
/// implementation derives a test class that says how to create an index.
/// </summary>
public abstract class HashIndexContractTests
{
    public static TheoryData<int> Distances() => [0, 1, 16, 31, 40, 63];

    /// <summary>Creates an empty index; implementations may use small thresholds so tests reach every code path.</summary>
    private protected abstract IHashIndex CreateIndex();

    [Theory]
    [MemberData(nameof(Distances))]
    public void FindAllEqualsBruteForceOnUniformData(int maxDistance) =>
        AssertEqualsBruteForce(IndexTestData.Uniform(6_000, seed: 1), maxDistance, seed: 2);

    [Theory]
    [MemberData(nameof(Distances))]
    public void FindAllEqualsBruteForceOnBalancedData(int maxDistance) =>
        AssertEqualsBruteForce(IndexTestData.Balanced(6_000, seed: 3), maxDistance, seed: 4);

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(63)]
    public void FindAllEqualsBruteForceOnClusteredData(int maxDistance) =>
        AssertEqualsBruteForce(IndexTestData.Clustered(6_000, clusters: 5, spread: 6, seed: 5), maxDistance, seed: 6);

    [Fact]
    public void AddRangeLoadsEveryPairAndCountsThem()
    {
        var index = CreateIndex();
        var hashes = IndexTestData.Uniform(30_000, seed: 7);
        Assert.Equal(30_000, index.AddRange(hashes, IndexTestData.SequentialIds(30_000)));
        Assert.Equal(30_000, index.Count);
        for (var i = 0; i < hashes.Length; i += 997)
        {
            Assert.True(index.TryFindNearest(hashes[i], 0, out var match));
            Assert.Equal(new HashMatch(i, 0, 0), match);
        }
    }

    [Fact]
    public void AddIsVisibleToTheNextQueryAndRemoveHidesIt()
    {
        var index = CreateIndex();
        index.AddRange(IndexTestData.Uniform(5_000, seed: 8), IndexTestData.SequentialIds(5_000));
        var random = new Random(9);
        var hash = IndexTestData.RandomHash(random);
        var near = IndexTestData.AtDistance(hash, 20, random);

        Assert.False(index.TryFindNearest(near, 31, out _));
        Assert.True(index.Add(hash, 1_000_000));
        Assert.True(index.TryFindNearest(near, 31, out var match));
        Assert.Equal(new HashMatch(1_000_000, 20, 0), match);
        Assert.Equal(5_001, index.Count);

        Assert.True(index.Remove(hash, 1_000_000));
        Assert.False(index.TryFindNearest(near, 31, out _));
        Assert.Equal(5_000, index.Count);
    }

    [Fact]
    public void RemovingAnAbsentPairReturnsFalse()
    {
        var index = CreateIndex();
        var hashes = IndexTestData.Uniform(5_000, seed: 10);
        index.AddRange(hashes, IndexTestData.SequentialIds(5_000));

        Assert.False(index.Remove(IndexTestData.RandomHash(new Random(11)), 5)); // unknown hash
        Assert.False(index.Remove(hashes[5], 6)); // known hash, other id
        Assert.True(index.Remove(hashes[5], 5));
        Assert.False(index.Remove(hashes[5], 5)); // already removed
        Assert.Equal(4_999, index.Count);
    }

    [Fact]
    public void DuplicatePairsAreStoredOnce()
    {
        var index = CreateIndex();
        var hash = IndexTestData.RandomHash(new Random(12));
        Assert.True(index.Add(hash, 7));
        Assert.False(index.Add(hash, 7));
        Assert.Equal(1, index.Count);

        // In bulk: repeated within the input and already stored.
        var hashes = IndexTestData.Uniform(5_000, seed: 13);
        var batch = hashes.Concat(hashes).Append(hash).ToArray();
        var ids = IndexTestData.SequentialIds(5_000).Concat(IndexTestData.SequentialIds(5_000)).Append(7).ToArray();
        Assert.Equal(5_000, index.AddRange(batch, ids));
        Assert.Equal(5_001, index.Count);

        // One removal removes the pair entirely.
        Assert.True(index.Remove(hash, 7));
        Assert.False(index.TryFindNearest(hash, 0, out _));
    }

    [Fact]
    public void OneIdWithSeveralHashesIsReportedOnceWithItsSmallestDistance()
    {
        var index = CreateIndex();
        var random = new Random(14);
        var needle = IndexTestData.RandomHash(random);
        index.Add(IndexTestData.AtDistance(needle, 9, random), 42);
        index.Add(IndexTestData.AtDistance(needle, 4, random), 42);
        index.Add(IndexTestData.AtDistance(needle, 6, random), 43);

        var results = new List<HashMatch>();
        Assert.Equal(2, index.FindAll(needle, 31, results));
        Assert.Equal([new HashMatch(42, 4, 0), new HashMatch(43, 6, 0)], results);
    }

    [Fact]
    public void NearestTiesGoToTheSmallestIdThenTheLowestNeedle()
    {
        var index = CreateIndex();
        var random = new Random(15);
        var stored = IndexTestData.RandomHash(random);
        foreach (var id in new long[] { 9, 3, 5 })
        {
            index.Add(stored, id);
        }

        index.Add(IndexTestData.AtDistance(stored, 1, random), 1);

        Assert.True(index.TryFindNearest(stored, 31, out var match));
        Assert.Equal(new HashMatch(3, 0, 0), match);

        // Needles 1 and 2 both reach distance 0: the lower index wins, in FindAll and nearest.
        Hash256[] needles = [IndexTestData.RandomHash(random), stored, stored];
        Assert.True(index.TryFindNearest(needles, 31, out match));
        Assert.Equal(new HashMatch(3, 0, 1), match);
        var results = new List<HashMatch>();
        index.FindAll(needles, 31, results);
        Assert.Equal([new HashMatch(3, 0, 1), new HashMatch(5, 0, 1), new HashMatch(9, 0, 1), new HashMatch(1, 1, 1)], results);
    }

    [Fact]
    public void FindAllAppendsAfterExistingContentAndReturnsTheCount()
    {
        var index = CreateIndex();
        var hash = IndexTestData.RandomHash(new Random(16));
        index.Add(hash, 1);
        var sentinel = new HashMatch(-1, -1, -1);
        var results = new List<HashMatch> { sentinel };

        Assert.Equal(1, index.FindAll(hash, 0, results));
        Assert.Equal([sentinel, new HashMatch(1, 0, 0)], results);
        Assert.Equal(0, index.FindAll(IndexTestData.RandomHash(new Random(17)), 0, results));
        Assert.Equal(2, results.Count);
    }

    [Fact]
    public void EmptyIndexFindsNothing()
    {
        var index = CreateIndex();
        var needle = IndexTestData.RandomHash(new Random(18));
        Assert.Equal(0, index.Count);
        Assert.False(index.TryFindNearest(needle, 63, out _));
        Assert.Equal(0, index.FindAll([needle, needle], 63, []));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(64)]
    [InlineData(256)]
    [InlineData(int.MinValue)]
    public void DistanceOutsideZeroTo63IsRejected(int maxDistance)
    {
        var index = CreateIndex();
        var needle = Hash256.Zero;
        AssertDistanceRejected(() => index.TryFindNearest(needle, maxDistance, out _));
        AssertDistanceRejected(() => index.TryFindNearest([needle], maxDistance, out _));
        AssertDistanceRejected(() => index.FindAll(needle, maxDistance, []));
        AssertDistanceRejected(() => index.FindAll([needle], maxDistance, []));

        void AssertDistanceRejected(Action query)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(query);
            Assert.Equal("maxDistance", error.ParamName);
            Assert.Contains("between 0 and 63", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void BadArgumentsAreRejectedWithClearMessages()
    {
        var index = CreateIndex();
        var noNeedles = Assert.Throws<ArgumentException>(() => index.FindAll(ReadOnlySpan<Hash256>.Empty, 31, []));
        Assert.Equal("needles", noNeedles.ParamName);
        Assert.Throws<ArgumentException>(() => index.TryFindNearest(ReadOnlySpan<Hash256>.Empty, 31, out _));
        Assert.Throws<ArgumentNullException>(() => index.FindAll(Hash256.Zero, 31, null!));

        var mismatch = Assert.Throws<ArgumentException>(() => index.AddRange(new Hash256[3], new long[2]));
        Assert.Contains("same length", mismatch.Message, StringComparison.Ordinal);
        Assert.Equal(0, index.AddRange([], []));
    }

    private void AssertEqualsBruteForce(Hash256[] hashes, int maxDistance, int seed)
    {
        var index = CreateIndex();
        var model = new BruteForceIndexModel();
        var ids = IndexTestData.SequentialIds(hashes.Length);
        index.AddRange(hashes, ids);
        foreach (var (hash, id) in hashes.Zip(ids))
        {
            model.Add(hash, id);
        }

        // A few pairs added one by one (the delta of a multi-index) and removed (tombstones).
        var random = new Random(seed);
        for (var i = 0; i < 60; i++)
        {
            var hash = IndexTestData.AtDistance(hashes[random.Next(hashes.Length)], random.Next(1, 40), random);
            Assert.Equal(model.Add(hash, 100_000 + i), index.Add(hash, 100_000 + i));
            var victim = random.Next(hashes.Length);
            Assert.Equal(model.Remove(hashes[victim], victim), index.Remove(hashes[victim], victim));
        }

        var needles = IndexTestData.NeedlesFor(hashes, 16, seed);
        var results = new List<HashMatch>();
        foreach (var needle in needles)
        {
            results.Clear();
            index.FindAll(needle, maxDistance, results);
            var expected = model.FindAll([needle], maxDistance);
            Assert.Equal(expected, results);
            Assert.Equal(expected.Count > 0 ? expected[0] : (HashMatch?)null, index.TryFindNearest(needle, maxDistance, out var m) ? m : null);
        }

        for (var q = 0; q < 4; q++)
        {
            var group = IndexTestData.NeedleGroup(needles[q * 2], random);
            results.Clear();
            index.FindAll(group, maxDistance, results);
            var expected = model.FindAll(group, maxDistance);
            Assert.Equal(expected, results);
            Assert.Equal(expected.Count > 0 ? expected[0] : (HashMatch?)null, index.TryFindNearest(group, maxDistance, out var m) ? m : null);
        }
    }
}
