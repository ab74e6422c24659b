using BenchmarkDotNet.Attributes;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Benchmarks.Indexing;

/// <summary>
/// Cost of one <see cref="IHashIndex.Add"/> (a bank delta applied by the replica) on an index already holding 1 million
/// hashes: the multi-index checks the base with an exact chunk lookup and appends to its delta; the flat index checks
/// for the pair with a full scan. Each iteration adds a fresh batch; the batch is removed again (untimed) before the
/// next iteration, so the delta never reaches the merge threshold and the figure excludes merges (see the docs for
/// the amortised merge cost).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10, invocationCount: 1)]
[MinColumn, MedianColumn, MaxColumn]
public class IndexAddBenchmarks
{
    private const int MultiIndexBatch = 1000;
    private const int FlatBatch = 20;

    private IndexBenchmarkData _data = null!;
    private IHashIndex _index = null!;
    private Hash256[] _batch = [];
    private bool _added;

    /// <summary>Hashes already stored.</summary>
    [Params(1_000_000)]
    public int Hashes { get; set; }

    /// <summary>Loads the flat index.</summary>
    [GlobalSetup(Target = nameof(FlatAdd))]
    public void SetupFlat() => Setup(new FlatHashIndex(), FlatBatch);

    /// <summary>Loads the multi-index.</summary>
    [GlobalSetup(Target = nameof(MultiIndexAdd))]
    public void SetupMultiIndex() => Setup(new MultiIndexHashIndex(), MultiIndexBatch);

    /// <summary>Removes the previous iteration's batch (untimed).</summary>
    [IterationSetup]
    public void RemoveBatch()
    {
        if (_added)
        {
            for (var i = 0; i < _batch.Length; i++)
            {
                _index.Remove(_batch[i], -1 - i);
            }
        }

        _added = true;
    }

    /// <summary>Flat: one add = one exact-match scan + append.</summary>
    [Benchmark(OperationsPerInvoke = FlatBatch)]
    public int FlatAdd() => AddBatch();

    /// <summary>Multi-index: one add = exact chunk lookup in the base + dictionary check + append to the delta.</summary>
    [Benchmark(OperationsPerInvoke = MultiIndexBatch)]
    public int MultiIndexAdd() => AddBatch();

    private void Setup(IHashIndex index, int batch)
    {
        _data = IndexBenchmarkData.Create(Hashes);
        _index = index;
        _index.AddRange(_data.Hashes, _data.Ids);
        _batch = IndexBenchmarkData.RandomHashes(batch, seed: 99);
    }

    private int AddBatch()
    {
        var added = 0;
        for (var i = 0; i < _batch.Length; i++)
        {
            added += _index.Add(_batch[i], -1 - i) ? 1 : 0;
        }

        return added;
    }
}
