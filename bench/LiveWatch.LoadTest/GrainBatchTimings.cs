using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LiveWatch.Grains.Telemetry;

namespace LiveWatch.LoadTest;

/// <summary>
/// Collects the stream grains' own batch durations (<c>livewatch.ingest.batch.duration</c>, measured inside the grain
/// turn) while enabled, to tell time spent in the grain from time spent queued for it.
/// </summary>
public sealed class GrainBatchTimings : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<double> _values = new();
    private volatile bool _collecting;

    public GrainBatchTimings()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LiveWatchMetrics.MeterName && instrument.Name == "livewatch.ingest.batch.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            if (_collecting)
            {
                _values.Enqueue(value);
            }
        });
        _listener.Start();
    }

    public void Start()
    {
        _values.Clear();
        _collecting = true;
    }

    public Percentiles Stop()
    {
        _collecting = false;
        return new Percentiles(_values);
    }

    public void Dispose() => _listener.Dispose();
}
