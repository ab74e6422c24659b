using LiveWatch.Grains.Risk;
using Microsoft.Extensions.Time.Testing;

namespace LiveWatch.Grains.Tests.Risk;

/// <summary>
/// A scripted stream: frames and ticks at given seconds from <see cref="Start"/>, played through a
/// <see cref="RiskEngine"/> with a fake clock, the way a grain would (time comes from its clock, never from the
/// wall). Times are exact: scripts never sleep and nothing here measures elapsed time.
/// </summary>
internal sealed class StreamScript
{
    public static DateTimeOffset Start { get; } = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<(double Seconds, RiskObservation? Frame)> _steps = [];

    public static DateTimeOffset At(double seconds) => Start + Seconds(seconds);

    public static TimeSpan Seconds(double seconds) => TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    public StreamScript Frame(double seconds, RiskObservation frame)
    {
        _steps.Add((seconds, frame));
        return this;
    }

    /// <summary>The same frame every <paramref name="step"/> seconds from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public StreamScript Every(double step, double from, double to, RiskObservation frame)
    {
        for (var i = 0; from + (i * step) <= to + 1e-9; i++)
        {
            _steps.Add((from + (i * step), frame));
        }

        return this;
    }

    /// <summary>Ticks (time passing without a frame) every <paramref name="step"/> seconds, as a grain timer would.</summary>
    public StreamScript TickEvery(double step, double from, double to)
    {
        for (var i = 0; from + (i * step) <= to + 1e-9; i++)
        {
            _steps.Add((from + (i * step), null));
        }

        return this;
    }

    /// <summary>Plays the script in time order (stable: same-time steps keep their order), then ticks at <paramref name="until"/>.</summary>
    public Timeline Run(RiskEngine engine, double until)
    {
        var clock = new FakeTimeProvider(Start);
        var state = RiskState.Start(clock.GetUtcNow());
        var assessments = new List<RiskAssessment>();
        foreach (var (seconds, frame) in _steps.OrderBy(step => step.Seconds).Append((until, null)))
        {
            var now = At(seconds);
            if (now > clock.GetUtcNow())
            {
                clock.SetUtcNow(now);
            }

            var assessment = frame is { } observed
                ? engine.Observe(state, observed, clock.GetUtcNow())
                : engine.Tick(state, clock.GetUtcNow());
            assessments.Add(assessment);
            state = assessment.State;
        }

        return new Timeline(assessments);
    }
}
