using BenchmarkDotNet.Attributes;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Benchmarks.Indexing;

/// <summary>
/// Where the multi-index starts to beat the flat scan (distance 31, one core): small lists, with the multi-index
/// forced to probe its tables at every size. Sets <see cref="HashIndex.MultiIndexCrossover"/>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
[MinColumn, MedianColumn]
public class IndexCrossoverBenchmarks
{
    private const int Queries = 64;

    private readonly List<HashMatch> _results = new(1024);
    private Hash256[] _needles = [];
    private Hash256[][] _groups = [];
    private IHashIndex _index = null!;
    private int _next;

    /// <summary>Stored hashes.</summary>
    [Params(4_096, 16_384, 65_536, 262_144)]
    public int Hashes { get; set; }

    /// <summary>Builds the flat index.</summary>
    [GlobalSetup(Targets = [nameof(Flat1Needle), nameof(Flat8Needles)])]
    public void SetupFlat() => Setup(new FlatHashIndex());

    /// <summary>Builds the multi-index (tables at every size, always probed).</summary>
    [GlobalSetup(Targets = [nameof(MultiIndex1Needle), nameof(MultiIndex8Needles)])]
    public void SetupMultiIndex() =>
        Setup(new MultiIndexHashIndex(new MultiIndexHashIndexOptions { MinimumIndexedCount = 1, AlwaysProbe = true }));

    /// <summary>Flat, one needle.</summary>
    [Benchmark(OperationsPerInvoke = Queries)]
    public int Flat1Needle() => Single();

    /// <summary>Multi-index, one needle.</summary>
    [Benchmark(OperationsPerInvoke = Queries)]
    public int MultiIndex1Needle() => Single();

    /// <summary>Flat, 8 needles.</summary>
    [Benchmark(OperationsPerInvoke = Queries)]
    public int Flat8Needles() => Groups();

    /// <summary>Multi-index, 8 needles.</summary>
    [Benchmark(OperationsPerInvoke = Queries)]
    public int MultiIndex8Needles() => Groups();

    private void Setup(IHashIndex index)
    {
        var stored = IndexBenchmarkData.RandomHashes(Hashes, seed: 5);
        index.AddRange(stored, Enumerable.Range(0, Hashes).Select(i => (long)i).ToArray());
        _index = index;

        // Distinct needles for every query of a run, so the caches are as cold as with live frames.
        _needles = IndexBenchmarkData.RandomHashes(8 * 4096, seed: 6);
        _groups = [.. _needles.Chunk(8)];
    }

    private int Single()
    {
        var total = 0;
        for (var q = 0; q < Queries; q++)
        {
            _results.Clear();
            total += _index.FindAll(_needles[_next++ % _needles.Length], 31, _results);
        }

        return total;
    }

    private int Groups()
    {
        var total = 0;
        for (var q = 0; q < Queries; q++)
        {
            _results.Clear();
            total += _index.FindAll(_groups[_next++ % _groups.Length], 31, _results);
        }

        return total;
    }
}
