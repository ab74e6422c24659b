using System.Diagnostics.Metrics;
using LiveWatch.Grains.Telemetry;

namespace LiveWatch.Silo.Webhooks;

/// <summary>
/// The <c>livewatch.webhooks.*</c> instruments, on the same meter as the monitoring core's
/// (<see cref="LiveWatchMetrics.MeterName"/>), so Prometheus and OTLP export them without more wiring.
/// </summary>
public sealed class WebhookMetrics
{
    public WebhookMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(LiveWatchMetrics.MeterName);
        Delivered = meter.CreateCounter<long>("livewatch.webhooks.delivered", "{message}", "Webhook messages an endpoint acknowledged (2xx), by event type.");
        AttemptsFailed = meter.CreateCounter<long>("livewatch.webhooks.attempts.failed", "{attempt}",
            "Webhook delivery attempts that failed, by reason (timeout, status, connection); the message is retried or dead-lettered.");
        DeadLettered = meter.CreateCounter<long>("livewatch.webhooks.dead_lettered", "{message}", "Webhook messages given up on after the retry window, by event type.");
        AttemptDuration = meter.CreateHistogram<double>("livewatch.webhooks.attempt.duration", "ms", "Time one delivery attempt took, answer or timeout included.");
        DeliveryLatency = meter.CreateHistogram<double>("livewatch.webhooks.delivery.latency", "ms",
            "From the change being committed (message enqueued) to the endpoint acknowledging it: what a platform waits.");
    }

    public Counter<long> Delivered { get; }

    public Counter<long> AttemptsFailed { get; }

    public Counter<long> DeadLettered { get; }

    public Histogram<double> AttemptDuration { get; }

    public Histogram<double> DeliveryLatency { get; }
}
