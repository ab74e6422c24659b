using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Benchmarks.Indexing;

/// <summary>
/// Bulk load (<see cref="IHashIndex.AddRange"/>) of 1 and 10 million random hashes into an empty index: one build
/// per iteration (the mean divided by the count is the cost per hash). Includes copying the input, removing repeated
/// pairs and, for the multi-index, building the chunk tables on all cores. Allocated bytes are reported too.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
[MinColumn, MedianColumn, MaxColumn]
public class IndexBuildBenchmarks
{
    private IndexBenchmarkData _data = null!;
    private IHashIndex? _built;

    /// <summary>Hashes loaded.</summary>
    [Params(1_000_000, 10_000_000)]
    public int Hashes { get; set; }

    /// <summary>Generates the data.</summary>
    [GlobalSetup]
    public void Setup() => _data = IndexBenchmarkData.Create(Hashes);

    /// <summary>Drops the previous build so every iteration starts from the same heap.</summary>
    [IterationCleanup]
    public void Release()
    {
        _built = null;
        GC.Collect();
    }

    /// <summary>Flat: copy and deduplicate.</summary>
    [Benchmark]
    public int FlatAddRange() => Load(new FlatHashIndex());

    /// <summary>Multi-index: copy, deduplicate, build the chunk tables.</summary>
    [Benchmark]
    public int MultiIndexAddRange() => Load(new MultiIndexHashIndex());

    private int Load(IHashIndex index)
    {
        var added = index.AddRange(_data.Hashes, _data.Ids);
        _built = index;
        return added;
    }
}
