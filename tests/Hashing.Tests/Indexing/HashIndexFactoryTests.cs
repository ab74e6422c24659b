using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Hashing.Tests.Indexing;

public sealed class HashIndexFactoryTests
{
    [Fact]
    public void SmallListsGetAFlatIndexAndLargeOnesAMultiIndex()
    {
        Assert.IsType<FlatHashIndex>(HashIndex.Create(0));
        Assert.IsType<FlatHashIndex>(HashIndex.Create(HashIndex.MultiIndexCrossover - 1));
        Assert.IsType<MultiIndexHashIndex>(HashIndex.Create(HashIndex.MultiIndexCrossover));
        Assert.IsType<MultiIndexHashIndex>(HashIndex.Create(10_000_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => HashIndex.Create(-1));
    }

    [Fact]
    public void BadMultiIndexOptionsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiIndexHashIndex(new MultiIndexHashIndexOptions { ChunkCount = 7 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiIndexHashIndex(new MultiIndexHashIndexOptions { DeltaMergeThreshold = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiIndexHashIndex(new MultiIndexHashIndexOptions { BuildParallelism = 0 }));
    }
}
