using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LiveWatch.Grains.Telemetry;

namespace LiveWatch.Grains.Tests.Cluster;

/// <summary>Sums (counters) and counts (histograms) what the in-process silos record on the LiveWatch meter, for the instruments named.</summary>
internal sealed class MetricTotals : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();
    private readonly ConcurrentDictionary<string, long> _counts = new();

    public MetricTotals(params string[] instruments)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LiveWatchMetrics.MeterName && instruments.Contains(instrument.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            _totals.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
            _counts.AddOrUpdate(instrument.Name, 1, (_, count) => count + 1);
        });
        _listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => _counts.AddOrUpdate(instrument.Name, 1, (_, count) => count + 1));
        _listener.Start();
    }

    /// <summary>The sum of a counter's measurements.</summary>
    public long this[string instrument] => _totals.GetValueOrDefault(instrument);

    /// <summary>How many measurements an instrument recorded (for a histogram: how many values).</summary>
    public long Count(string instrument) => _counts.GetValueOrDefault(instrument);

    public void Dispose() => _listener.Dispose();
}
