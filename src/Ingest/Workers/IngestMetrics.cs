using System.Diagnostics.Metrics;

namespace LiveWatch.Ingest.Workers;

/// <summary>
/// The worker's <c>livewatch.ingest.*</c> instruments, on the same meter name as the monitoring core ("LiveWatch"), so
/// the host's OpenTelemetry setup exports both. Created through <see cref="IMeterFactory"/> (one per host).
/// </summary>
public sealed class IngestMetrics
{
    /// <summary>The meter name shared with the rest of LiveWatch.</summary>
    public const string MeterName = "LiveWatch";

    private int _streams;

    /// <summary>Creates the instruments on a meter of <paramref name="meters"/>.</summary>
    public IngestMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        FramesSampled = meter.CreateCounter<long>("livewatch.ingest.frames.sampled", "{frame}", "Frames the worker's ffmpeg children sampled.");
        BatchesSent = meter.CreateCounter<long>("livewatch.ingest.batches.sent", "{batch}", "Frame batches the stream grains acknowledged.");
        BatchRetries = meter.CreateCounter<long>("livewatch.ingest.batches.retried", "{attempt}", "Failed batch deliveries that were tried again.");
        BatchesDropped = meter.CreateCounter<long>("livewatch.ingest.batches.dropped", "{batch}", "Batches the grain refused for good (bad frames, stopped stream).");
        DeliveryDuration = meter.CreateHistogram<double>("livewatch.ingest.delivery.duration", "ms", "From a batch leaving the worker to the grain's answer, retries included.");
        SampleAge = meter.CreateHistogram<double>("livewatch.ingest.sample.age", "ms", "From the worker receiving a sample to the grain acknowledging it: batching, queueing and delivery.");
        StateChanges = meter.CreateCounter<long>("livewatch.ingest.state_changes", "{change}", "Ingest state changes of followed streams, by state reached.");
        EvidenceFramesSent = meter.CreateCounter<long>("livewatch.ingest.evidence.frames", "{frame}", "Preview frames sent to incidents as evidence.");
        meter.CreateObservableGauge("livewatch.ingest.streams", () => Volatile.Read(ref _streams), "{stream}", "Streams this worker follows now.");
    }

    /// <summary>Samples read from ffmpeg.</summary>
    public Counter<long> FramesSampled { get; }

    /// <summary>Acknowledged batches.</summary>
    public Counter<long> BatchesSent { get; }

    /// <summary>Retried deliveries.</summary>
    public Counter<long> BatchRetries { get; }

    /// <summary>Batches given up.</summary>
    public Counter<long> BatchesDropped { get; }

    /// <summary>Delivery time of a batch.</summary>
    public Histogram<double> DeliveryDuration { get; }

    /// <summary>Age of a sample when its batch was acknowledged.</summary>
    public Histogram<double> SampleAge { get; }

    /// <summary>Ingest state changes.</summary>
    public Counter<long> StateChanges { get; }

    /// <summary>Evidence frames uploaded.</summary>
    public Counter<long> EvidenceFramesSent { get; }

    internal void StreamStarted() => Interlocked.Increment(ref _streams);

    internal void StreamStopped() => Interlocked.Decrement(ref _streams);
}
