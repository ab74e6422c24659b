using BenchmarkDotNet.Attributes;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Pdq;

namespace LiveWatch.Benchmarks.Pdq;

/// <summary>PDQ hashing cost per picture, excluding decode, on one core (the reference C++ figures are in SPEC.md).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class PdqBenchmarks
{
    private byte[] _hd = [];
    private byte[] _square = [];
    private byte[] _canvas = [];
    private byte[][] _canvases = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _hd = SyntheticPicture.Rgb(1280, 720, seed: 1);
        _square = SyntheticPicture.Rgb(512, 512, seed: 2);
        _canvas = SyntheticPicture.Grey(64, 64, seed: 3);
        _canvases = [.. Enumerable.Range(0, 64).Select(seed => SyntheticPicture.Grey(64, 64, seed: 100 + seed))];
    }

    [Benchmark(Description = "PDQ core 1280x720 RGB")]
    public Hash256 Hd() => PdqHasher.Compute(_hd, 1280, 720, PixelFormat.Rgb24).Hash;

    [Benchmark(Description = "PDQ core 512x512 RGB")]
    public Hash256 Square() => PdqHasher.Compute(_square, 512, 512, PixelFormat.Rgb24).Hash;

    [Benchmark(Description = "PDQ 64x64 luma canvas")]
    public Hash256 Canvas() => PdqHasher.Compute(_canvas, 64, 64, PixelFormat.Gray8).Hash;

    [Benchmark(Description = "PDQ dihedral x8 1280x720 RGB")]
    public int HdDihedral() => PdqHasher.ComputeDihedral(_hd, 1280, 720, PixelFormat.Rgb24).Quality;

    [Benchmark(Description = "PDQ dihedral x8 64x64 canvas")]
    public int CanvasDihedral() => PdqHasher.ComputeDihedral(_canvas, 64, 64, PixelFormat.Gray8).Quality;

    // One picture hashed over and over trains the branch predictor on its data; live streams never repeat a frame.
    [Benchmark(Description = "PDQ 64x64 luma canvas, 64 pictures in turn")]
    public Hash256 CanvasVaried() => PdqHasher.Compute(_canvases[_next++ & 63], 64, 64, PixelFormat.Gray8).Hash;

    [Benchmark(Description = "PDQ dihedral x8 64x64 canvas, 64 pictures in turn")]
    public int CanvasDihedralVaried() => PdqHasher.ComputeDihedral(_canvases[_next++ & 63], 64, 64, PixelFormat.Gray8).Quality;
}
