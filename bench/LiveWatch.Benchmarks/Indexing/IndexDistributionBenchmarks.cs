using BenchmarkDotNet.Attributes;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Benchmarks.Indexing;

/// <summary>
/// The multi-index at 10 million hashes, distance 31, one needle, on data shaped like real PDQ lists: uniform bits,
/// exactly 128 bits set, and balanced hashes with 10% in clusters of near copies, half the needles aimed near a
/// cluster (buckets far above average). Shows the index has no pathological case on such data.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
[MinColumn, MedianColumn, MaxColumn]
public class IndexDistributionBenchmarks
{
    private const int Queries = 256;

    private readonly List<HashMatch> _results = new(1024);
    private IndexBenchmarkData _data = null!;
    private IHashIndex _index = null!;
    private int _next;

    /// <summary>Stored hashes.</summary>
    [Params(10_000_000)]
    public int Hashes { get; set; }

    /// <summary>Shape of the stored hashes.</summary>
    [Params(HashDistribution.Uniform, HashDistribution.Balanced128, HashDistribution.Clustered)]
    public HashDistribution Distribution { get; set; }

    /// <summary>Generates the data and builds the index; prints memory and recall.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = IndexBenchmarkData.Create(Hashes, Distribution);
        var (index, bytesPerHash, buildTime) = _data.Build(() => new MultiIndexHashIndex());
        _index = index;
        var (found, expected) = _data.CheckRecall(_index);
        Console.WriteLine(
            $"// [index] {Distribution} {Hashes:N0} hashes, {IndexBenchmarkData.Describe(_index)}: build {buildTime.TotalSeconds:F2} s, " +
            $"memory {bytesPerHash:F1} bytes/hash, recall {found}/{expected}");
    }

    /// <summary>One needle at distance 31.</summary>
    [Benchmark(OperationsPerInvoke = Queries)]
    public int MultiIndex1Needle()
    {
        var total = 0;
        for (var q = 0; q < Queries; q++)
        {
            _results.Clear();
            total += _index.FindAll(_data.Needles[_next++ % IndexBenchmarkData.NeedleCount], IndexBenchmarkData.Distance, _results);
        }

        return total;
    }
}
