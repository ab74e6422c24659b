using System.Diagnostics;
using System.Globalization;
using LiveWatch.Contracts.Banks;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Grains.Matching;
using LiveWatch.Grains.Monitoring;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;
using LiveWatch.Hashing.Pdq;

namespace LiveWatch.LoadTest;

/// <summary>
/// The profile behind the throughput figure: one thread, no silo, the same bank and canvases. Times PDQ (single or
/// the 8 dihedral hashes), the replica's match of those needles, and <see cref="FrameAnalyzer.Analyze(SampledFrame)"/>
/// as a whole, each in its own loop over the frames. Reports wall time and process CPU time per frame: on a busy
/// machine the CPU time still says what a frame costs, the wall time does not.
/// </summary>
public static class AnalyzerScenario
{
    public static void Run(IReadOnlyList<FramePicture> traffic, LoadTestOptions options, TextWriter log)
    {
        var build = Stopwatch.StartNew();
        var replica = new HashBankReplica(new MultiIndexHashIndex());
        replica.UpsertBank(new BankInfo(1, InProcessSilo.Tenant, "random", BankKind.Normal, 31, true));
        var hashes = RandomHashes.Generate(options.BankSize, options.Seed);
        replica.AddEntries(1, Enumerable.Range(0, hashes.Length).Select(i => (long)i).ToArray(), hashes);
        log.WriteLine($"replica of {options.BankSize:N0} built in {build.Elapsed.TotalSeconds:F1} s; {MachineInfo.HugePages()}");

        var frames = traffic.Select((p, i) => new SampledFrame(i, DateTimeOffset.UtcNow, i, p)).ToArray();
        var analyzer = new FrameAnalyzer(replica, InProcessSilo.Tenant, new FrameAnalyzerOptions { MatchDihedral = options.Dihedral });
        var scratch = new List<HashMatch>();
        var count = Math.Max(frames.Length, 4000);
        var needles = new Hash256[frames.Length][];
        long matched = 0;

        void Hash(int i)
        {
            var p = frames[i % frames.Length].Picture;
            needles[i % frames.Length] = options.Dihedral
                ? PdqHasher.ComputeDihedral(p.Pixels, p.Width, p.Height, p.Format).AsSpan().ToArray()
                : [PdqHasher.Compute(p.Pixels, p.Width, p.Height, p.Format).Hash];
        }

        void Match(int i) => matched += replica.Match(needles[i % frames.Length], InProcessSilo.Tenant, scratch).IsMatch ? 1 : 0;

        void Analyze(int i) => analyzer.Analyze(frames[i % frames.Length]);

        // A warm-up round (JIT tiers, caches), then the measured one.
        for (var round = 0; round < 2; round++)
        {
            var loadAtStart = MachineInfo.LoadAverage();
            var pdq = Time(Hash, count);
            var match = Time(Match, count);
            var analyze = Time(Analyze, count);
            if (round == 1)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                    ## one thread, per frame, dihedral {(options.Dihedral ? "on (8 needles)" : "off (1 needle)")}, bank {options.BankSize:N0}, {count} frames, matched {matched / 2}
                    load average at start {loadAtStart}
                    PDQ: {pdq}; match: {match}; FrameAnalyzer.Analyze (both, plus quality gate and near-duplicate check): {analyze}
                    """));
            }
        }
    }

    private static string Time(Action<int> step, int count)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            step(i);
        }

        process.Refresh();
        var cpuUs = (process.TotalProcessorTime - cpu).TotalMicroseconds / count;
        return string.Create(CultureInfo.InvariantCulture, $"{wall.Elapsed.TotalMicroseconds / count:F1} us wall, {cpuUs:F1} us CPU");
    }
}
