using BenchmarkDotNet.Attributes;
using LiveWatch.Contracts.Risk;
using LiveWatch.Grains.Risk;

namespace LiveWatch.Benchmarks.Risk;

/// <summary>
/// Cost of the risk policy per sampled frame (and per tick), on one core. Each single-call benchmark starts from the
/// same stored state, so every invocation does the same work: the steady state of a stream at that level.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class RiskEngineBenchmarks
{
    private const int ReplayFrames = 1_000;

    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly RiskEngine _engine = RiskEngine.Default;
    private readonly RiskObservation _noMatch = RiskObservation.NoMatch;
    private readonly RiskObservation _weak = RiskObservation.Nearest(24);
    private readonly RiskObservation _strong = RiskObservation.Nearest(6);
    private RiskState _clear;
    private RiskState _watch;
    private RiskState _critical;
    private DateTimeOffset _now;
    private (DateTimeOffset At, RiskObservation Frame)[] _script = [];

    [GlobalSetup]
    public void Setup()
    {
        _clear = RiskState.Start(Start);
        // A long strong burst: Critical, score at the cap (the next strong match keeps it there).
        var critical = _clear;
        for (var i = 0; i < 20; i++)
        {
            critical = _engine.Observe(critical, _strong, Start.AddSeconds(i * 0.5)).State;
        }

        _critical = critical;
        _now = Start.AddSeconds(10.25);
        // A weak match 0.25 s ago: Watch, burst-sampling (the next weak match keeps it there).
        _watch = _engine.Observe(_clear, _weak, _now.AddSeconds(-0.25)).State;

        // A 1,000-frame stream: keyframes at 1 fps, a weak match, a strong burst at 2-4 fps, silence, a second burst.
        _script = new (DateTimeOffset, RiskObservation)[ReplayFrames];
        var t = Start;
        for (var i = 0; i < ReplayFrames; i++)
        {
            var frame = i switch
            {
                100 => _weak,
                >= 104 and < 140 => _strong,
                >= 700 and < 720 => i % 2 == 0 ? _strong : _weak,
                _ => _noMatch,
            };
            t = t.AddSeconds(i is >= 100 and < 400 or >= 700 and < 900 ? 0.25 : 1);
            _script[i] = (t, frame);
        }
    }

    [Benchmark(Description = "Observe: no match, Clear stream")]
    public RiskAssessment ObserveNoMatchClear() => _engine.Observe(_clear, _noMatch, _now);

    [Benchmark(Description = "Observe: no match, Watch stream")]
    public RiskAssessment ObserveNoMatchWatch() => _engine.Observe(_watch, _noMatch, _now);

    [Benchmark(Description = "Observe: weak match, Watch stream")]
    public RiskAssessment ObserveWeakWatch() => _engine.Observe(_watch, _weak, _now);

    [Benchmark(Description = "Observe: strong match, Critical stream")]
    public RiskAssessment ObserveStrongCritical() => _engine.Observe(_critical, _strong, _now);

    [Benchmark(Description = "Tick: Critical stream")]
    public RiskAssessment TickCritical() => _engine.Tick(_critical, _now);

    [Benchmark(Description = "Replay 1,000-frame stream (per frame)", OperationsPerInvoke = ReplayFrames)]
    public RiskLevel Replay()
    {
        var state = RiskState.Start(Start);
        foreach (var (at, frame) in _script)
        {
            state = _engine.Observe(state, frame, at).State;
        }

        return state.Level;
    }
}
