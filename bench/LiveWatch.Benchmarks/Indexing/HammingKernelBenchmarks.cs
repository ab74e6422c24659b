using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Benchmarks.Indexing;

/// <summary>
/// The raw scan kernels (AVX-512BW nibble-LUT, AVX2 nibble-LUT, scalar popcnt) over packed hashes, per scanned hash:
/// which one the flat index should dispatch to, in cache (4 Ki hashes = 128 KiB) and from memory (4 Mi hashes = 128 MiB).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
[MinColumn, MedianColumn, MaxColumn]
public class HammingKernelIndexBenchmarks
{
    private ulong[] _lanes = [];
    private Hash256[] _needles = [];

    [Params(4096, 4 * 1024 * 1024)]
    public int Hashes { get; set; }

    [Params("Scalar", "Avx2", "Avx512")]
    public string Kernel { get; set; } = "";

    [Params(1, 8)]
    public int Needles { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _lanes = new ulong[Hashes * 4];
        for (var i = 0; i < _lanes.Length; i++)
        {
            _lanes[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
        }

        _needles = new Hash256[Needles];
        for (var k = 0; k < Needles; k++)
        {
            _needles[k] = new Hash256((ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64());
        }
    }

    /// <summary>One full scan at distance 31; reported per scanned hash.</summary>
    [Benchmark]
    public int Scan()
    {
        var kind = Enum.Parse<HammingScanKernels.Kind>(Kernel);
        var sink = new CountingSink();
        HammingScanKernels.Scan(kind, _lanes, _needles, 31, ref sink);
        return sink.Count;
    }

    private struct CountingSink : IMatchSink
    {
        public int Count;

        public void OnMatch(int position, int distance, int needleIndex) => Count++;
    }
}
