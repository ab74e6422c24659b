using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Hashing.Tests.Indexing;

public sealed class FlatHashIndexTests : HashIndexContractTests
{
    private protected override IHashIndex CreateIndex() => new FlatHashIndex();

    [Fact]
    public void ManyRemovalsCompactTheStorageWithoutChangingResults()
    {
        var index = new FlatHashIndex();
        var hashes = IndexTestData.Uniform(4_000, seed: 20);
        index.AddRange(hashes, IndexTestData.SequentialIds(4_000));
        var before = index.StorageBytes;
        for (var i = 0; i < 3_000; i++)
        {
            Assert.True(index.Remove(hashes[i], i));
        }

        Assert.True(index.StorageBytes < before);
        Assert.Equal(1_000, index.Count);
        Assert.False(index.TryFindNearest(hashes[10], 0, out _));
        Assert.True(index.TryFindNearest(hashes[3_500], 0, out var match));
        Assert.Equal(3_500, match.Id);
    }

    [Fact]
    public void AddGrowsTheStorageFromEmpty()
    {
        var index = new FlatHashIndex();
        var hashes = IndexTestData.Uniform(3_000, seed: 21);
        for (var i = 0; i < hashes.Length; i++)
        {
            Assert.True(index.Add(hashes[i], i));
        }

        Assert.Equal(3_000, index.Count);
        for (var i = 0; i < hashes.Length; i += 101)
        {
            Assert.True(index.TryFindNearest(hashes[i], 0, out var match));
            Assert.Equal(i, match.Id);
        }
    }
}
