using System.Collections.Concurrent;
using System.Diagnostics;
using LiveWatch.Grains.Telemetry;

namespace LiveWatch.LoadTest;

/// <summary>
/// Durations of the monitoring core's own spans (batch, incident report, store transaction) while a scenario runs, to
/// say where the time between a frame and its incident goes.
/// </summary>
public sealed class SpanDurations : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _durations = new(StringComparer.Ordinal);

    public SpanDurations()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LiveWatchActivitySource.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => _durations.GetOrAdd(activity.OperationName, _ => new()).Enqueue(activity.Duration.TotalMilliseconds),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>One line per span name: its percentiles.</summary>
    public string Summary() =>
        string.Join(Environment.NewLine, _durations.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"  {d.Key}: {new Percentiles(d.Value)}"));

    public void Dispose() => _listener.Dispose();
}
