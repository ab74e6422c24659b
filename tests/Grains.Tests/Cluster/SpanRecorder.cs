using System.Collections.Concurrent;
using System.Diagnostics;
using LiveWatch.Grains.Telemetry;

namespace LiveWatch.Grains.Tests.Cluster;

/// <summary>
/// Records the spans of one trace as the silo host's OpenTelemetry setup would see them: LiveWatch's and Orleans'
/// sources, all sampled. Orleans only creates its call spans (and so carries the trace into the grain) when someone
/// listens to its sources, which is why they are listened to here as in the host.
/// </summary>
internal sealed class SpanRecorder : IDisposable
{
    public const string CallerSourceName = "LiveWatch.Tests.Caller";

    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is LiveWatchActivitySource.Name or CallerSourceName
                || source.Name.StartsWith("Microsoft.Orleans.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The stopped spans of one trace (other tests' traces in the same process are left out).</summary>
    public IReadOnlyList<Activity> Trace(ActivityTraceId traceId) => _stopped.Where(a => a.TraceId == traceId).ToArray();

    public void Dispose() => _listener.Dispose();
}
