using BenchmarkDotNet.Attributes;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Benchmarks.Indexing;

/// <summary>
/// The evidence behind the multi-index layout choice: query time at distances 31 and 40 for pinned chunk counts
/// and table widths around the chosen ones, at 1 and 10 million random hashes. Setup prints memory per hash.
/// Layout strings are "hashes:chunks:tableBits".
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[MinColumn, MedianColumn]
public class IndexLayoutBenchmarks
{
    private const int Queries = 128;

    private readonly List<HashMatch> _results = new(1024);
    private IndexBenchmarkData _data = null!;
    private IHashIndex _index = null!;
    private int _next;

    /// <summary>"hashes:chunks:tableBits".</summary>
    [Params(
        "1000000:10:19", "1000000:11:18", "1000000:11:19", "1000000:13:18", "1000000:13:19",
        "10000000:10:23", "10000000:11:21", "10000000:11:22", "10000000:11:23", "10000000:12:22")]
    public string Layout { get; set; } = "";

    /// <summary>Query distance.</summary>
    [Params(31, 40)]
    public int Distance { get; set; }

    /// <summary>Builds the index with the pinned layout.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var parts = Layout.Split(':').Select(int.Parse).ToArray();
        _data = IndexBenchmarkData.Create(parts[0]);
        var (index, bytesPerHash, _) = _data.Build(() => new MultiIndexHashIndex(
            new MultiIndexHashIndexOptions { ChunkCount = parts[1], TableBits = parts[2], AlwaysProbe = true }));
        _index = index;
        Console.WriteLine($"// [index] layout {Layout}: {IndexBenchmarkData.Describe(_index)}, memory {bytesPerHash:F1} bytes/hash");
    }

    /// <summary>One needle.</summary>
    [Benchmark(OperationsPerInvoke = Queries)]
    public int MultiIndex1Needle()
    {
        var total = 0;
        for (var q = 0; q < Queries; q++)
        {
            _results.Clear();
            total += _index.FindAll(_data.Needles[_next++ % IndexBenchmarkData.NeedleCount], Distance, _results);
        }

        return total;
    }
}
