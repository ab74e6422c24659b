using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Hashing.Tests.Indexing;

/// <summary>The contract with chunk tables from 1,000 pairs and synchronous merges every 100 adds.</summary>
public sealed class MultiIndexHashIndexTests : HashIndexContractTests
{
    private protected override IHashIndex CreateIndex() => new MultiIndexHashIndex(SmallOptions());

    internal static MultiIndexHashIndexOptions SmallOptions(
        int deltaMergeThreshold = 100, int chunkCount = 0, Action? hook = null, bool paired = false) => new()
    {
        MinimumIndexedCount = 1_000,
        PairedMinimumCount = paired ? 1_000 : int.MaxValue,
        DeltaMergeThreshold = deltaMergeThreshold,
        MergeInBackground = false,
        ChunkCount = chunkCount,
        MergeBuildingHook = hook,
        AlwaysProbe = true,
    };
}

/// <summary>The contract with paired 16-chunk tables (large bases get them) from 1,000 pairs.</summary>
public sealed class MultiIndexHashIndexPairedTests : HashIndexContractTests
{
    private protected override IHashIndex CreateIndex() => new MultiIndexHashIndex(MultiIndexHashIndexTests.SmallOptions(paired: true));
}

/// <summary>The contract with background merges racing the test's queries.</summary>
public sealed class MultiIndexHashIndexBackgroundMergeTests : HashIndexContractTests
{
    private protected override IHashIndex CreateIndex() =>
        new MultiIndexHashIndex(new MultiIndexHashIndexOptions { MinimumIndexedCount = 1_000, DeltaMergeThreshold = 64 });
}

/// <summary>The contract with default options: at test sizes, adds stay in the delta.</summary>
public sealed class MultiIndexHashIndexDefaultOptionsTests : HashIndexContractTests
{
    private protected override IHashIndex CreateIndex() => new MultiIndexHashIndex();
}
