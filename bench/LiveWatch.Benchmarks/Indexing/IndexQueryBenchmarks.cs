using BenchmarkDotNet.Attributes;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Benchmarks.Indexing;

/// <summary>
/// Query latency at distance 31 on one core: flat scan vs multi-index, one needle and the 8 dihedral needles, at 1 and
/// 10 million random hashes with planted near copies. Setup prints build time, memory per hash and recall (which must
/// be 100%, or setup throws).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
[MinColumn, MedianColumn, MaxColumn]
public class IndexQueryBenchmarks
{
    // Queries per invocation: enough that an invocation is not dominated by timer overhead, few enough that flat
    // scans of 10 million hashes keep iterations short.
    private const int FlatQueries = 4;
    private const int MultiIndexQueries = 256;

    private readonly List<HashMatch> _results = new(1024);
    private IndexBenchmarkData _data = null!;
    private IHashIndex _index = null!;
    private Hash256[][] _groups = [];
    private int _next;

    /// <summary>Stored hashes.</summary>
    [Params(1_000_000, 10_000_000)]
    public int Hashes { get; set; }

    /// <summary>Builds the flat index.</summary>
    [GlobalSetup(Targets = [nameof(Flat1Needle), nameof(Flat8Needles)])]
    public void SetupFlat() => Setup(() => new FlatHashIndex(), recallNeedles: 16);

    /// <summary>Builds the multi-index.</summary>
    [GlobalSetup(Targets = [nameof(MultiIndex1Needle), nameof(MultiIndex8Needles)])]
    public void SetupMultiIndex() => Setup(() => new MultiIndexHashIndex(), recallNeedles: IndexBenchmarkData.NeedleCount);

    /// <summary>Flat scan, one needle.</summary>
    [Benchmark(OperationsPerInvoke = FlatQueries)]
    public int Flat1Needle() => QuerySingle(FlatQueries);

    /// <summary>Flat scan, 8 needles (each stored hash loaded once).</summary>
    [Benchmark(OperationsPerInvoke = FlatQueries)]
    public int Flat8Needles() => QueryGroups(FlatQueries);

    /// <summary>Multi-index probe, one needle.</summary>
    [Benchmark(OperationsPerInvoke = MultiIndexQueries)]
    public int MultiIndex1Needle() => QuerySingle(MultiIndexQueries);

    /// <summary>Multi-index probe, 8 needles.</summary>
    [Benchmark(OperationsPerInvoke = MultiIndexQueries / 8)]
    public int MultiIndex8Needles() => QueryGroups(MultiIndexQueries / 8);

    private void Setup(Func<IHashIndex> create, int recallNeedles)
    {
        _data = IndexBenchmarkData.Create(Hashes);
        var (index, bytesPerHash, buildTime) = _data.Build(create);
        _index = index;
        _groups = [.. Enumerable.Range(0, IndexBenchmarkData.NeedleCount).Select(_data.NeedleGroup)];
        var (found, expected) = _data.CheckRecall(_index, recallNeedles);
        Console.WriteLine(
            $"// [index] {Hashes:N0} hashes, {IndexBenchmarkData.Describe(_index)}: build {buildTime.TotalSeconds:F2} s " +
            $"({buildTime.TotalNanoseconds / Hashes:F0} ns/hash), memory {bytesPerHash:F1} bytes/hash, recall {found}/{expected}");
    }

    private int QuerySingle(int queries)
    {
        var total = 0;
        for (var q = 0; q < queries; q++)
        {
            _results.Clear();
            total += _index.FindAll(_data.Needles[_next++ % IndexBenchmarkData.NeedleCount], IndexBenchmarkData.Distance, _results);
        }

        return total;
    }

    private int QueryGroups(int queries)
    {
        var total = 0;
        for (var q = 0; q < queries; q++)
        {
            _results.Clear();
            total += _index.FindAll(_groups[_next++ % IndexBenchmarkData.NeedleCount], IndexBenchmarkData.Distance, _results);
        }

        return total;
    }
}
