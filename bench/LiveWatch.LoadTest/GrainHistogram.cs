using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LiveWatch.Grains.Telemetry;

namespace LiveWatch.LoadTest;

/// <summary>
/// Collects one of the grains' own duration histograms while enabled: <c>livewatch.ingest.batch.duration</c> (measured
/// inside the grain turn, to tell time spent in the grain from time spent queued for it) or
/// <c>livewatch.frame_to_incident.duration</c> (from the grain accepting a frame to its incident being committed).
/// </summary>
public sealed class GrainHistogram : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<double> _values = new();
    private volatile bool _collecting;

    public const string BatchDuration = "livewatch.ingest.batch.duration";

    public const string FrameToIncident = "livewatch.frame_to_incident.duration";

    public GrainHistogram(string instrumentName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LiveWatchMetrics.MeterName && instrument.Name == instrumentName)
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
