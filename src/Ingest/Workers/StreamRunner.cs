using System.Threading.Channels;
using LiveWatch.Contracts.Incidents;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Scheduling;
using LiveWatch.Contracts.Streams;
using LiveWatch.Ingest.Sampling;
using LiveWatch.Ingest.Supervision;
using Microsoft.Extensions.Logging;

namespace LiveWatch.Ingest.Workers;

/// <summary>
/// Follows one leased stream: runs its <see cref="StreamSupervisor"/> (the ffmpeg child), batches the samples to the
/// stream's grain with bounded in-flight batches and retries, applies the sampling policy and evidence requests the
/// grain answers with, and reports ingest state changes. A retried batch keeps its run id and sequences, so the grain
/// drops it as a repeat if the first attempt got through.
/// </summary>
internal sealed partial class StreamRunner : IAsyncDisposable
{
    private readonly WorkerContext _context;
    private readonly IStreamMonitorGrain _monitor;
    private readonly StreamSupervisor _supervisor;
    private readonly string _runId;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _ackGate = new();
    private readonly EvidenceUploader _evidence;
    private readonly ILogger _logger;
    private long _batchesSent;
    private long _lastAppliedBatch;
    private Task _completion = Task.CompletedTask;
    private readonly Lock _reportGate = new();
    private IngestStateReport? _unsentReport;
    private bool _sendingReports;
    private Task _reportSender = Task.CompletedTask;

    public StreamRunner(StreamLease lease, WorkerContext context)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(context);
        Lease = lease;
        _context = context;
        // A fresh run per runner, not per lease: a runner restarted under the same lease (after the fence stopped it) starts
        // its sequences again at 0, which the grain would otherwise drop as repeats of the first runner's frames.
        _runId = Guid.NewGuid().ToString("N");
        _logger = context.LoggerFactory.CreateLogger<StreamRunner>();
        _monitor = context.Grains.GetGrain<IStreamMonitorGrain>(lease.Key.ToGrainKey());
        _supervisor = new StreamSupervisor(
            lease.SourceUrl, context.Sampler, context.UrlPolicy, context.LoggerFactory.CreateLogger<StreamSupervisor>(), context.Time, ReportStateAsync, context.StartGate);
        _evidence = new EvidenceUploader(lease.Key, _supervisor.Preview, context, _logger);
    }

    public StreamLease Lease { get; }

    /// <summary>Completes when the stream's source ended or failed for good, or the runner was stopped.</summary>
    public Task Completion => _completion;

    /// <summary>True once the runner finished by itself (source ended or failed, or the grain refused the stream).</summary>
    public bool Finished => _completion.IsCompleted && !_stopping.IsCancellationRequested;

    public void Start()
    {
        _context.Metrics.StreamStarted();
        _completion = RunAsync(_stopping.Token);
    }

    /// <summary>Stops sampling (kills the ffmpeg child) and waits, up to the stop timeout, for the last batch.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _completion.WaitAsync(_context.Worker.StopTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogSlowStop(Lease.Key, _context.Worker.StopTimeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _supervisor.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            LogStarting(Lease.Key, Lease.LeaseId);
            var sampling = _supervisor.RunAsync(stopping);
            var delivery = DeliverAsync(stopping);
            await sampling.ConfigureAwait(false);
            await delivery.ConfigureAwait(false);
            await _evidence.DrainAsync().ConfigureAwait(false);

            // The source ended or failed for good: the grain must hear it before the lease is given back.
            await ReportsSentAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped by the worker (lease lost or released): nothing to report, the stream goes on elsewhere.
        }
#pragma warning disable CA1031 // One stream's failure must not take the worker down; it is logged and the lease ends.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogRunnerFailed(Lease.Key, e);
        }
        finally
        {
            _context.Metrics.StreamStopped();
            LogStopped(Lease.Key);
        }
    }

    // Reads samples into batches of at most BatchMaxFrames, closed BatchMaxDelay after their first frame, and sends them
    // with at most MaxInFlightBatches awaiting an answer; while they are all in flight no sample is read, so the bounded
    // sample channel fills and ffmpeg's output blocks.
    private async Task DeliverAsync(CancellationToken stopping)
    {
        var options = _context.Worker;
        var reader = _supervisor.Samples;
        using var inFlight = new SemaphoreSlim(options.MaxInFlightBatches);
        var sends = new List<Task>();
        try
        {
            while (await reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                var batch = await CollectAsync(reader, stopping).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    continue;
                }

                await inFlight.WaitAsync(stopping).ConfigureAwait(false);
                sends.RemoveAll(static t => t.IsCompleted);
                var number = ++_batchesSent;
                sends.Add(SendAsync(batch, number, inFlight, stopping));
            }
        }
        finally
        {
            // Sends observe the same token; waiting here keeps their exceptions observed and the semaphore alive.
            await Task.WhenAll(sends).ConfigureAwait(false);
        }
    }

    private async Task<List<(SampledFrame Frame, DateTimeOffset ReceivedAt)>> CollectAsync(ChannelReader<CanvasSample> reader, CancellationToken stopping)
    {
        var options = _context.Worker;
        var batch = new List<(SampledFrame, DateTimeOffset)>(options.BatchMaxFrames);
        var firstAt = _context.Time.GetTimestamp();
        while (batch.Count < options.BatchMaxFrames)
        {
            if (reader.TryRead(out var sample))
            {
                _context.Metrics.FramesSampled.Add(1);
                batch.Add((new SampledFrame(sample.Sequence, sample.CapturedAt, sample.StreamSeconds, FramePicture.Canvas(sample.Luma)), sample.CapturedAt));
                continue;
            }

            var remaining = options.BatchMaxDelay - _context.Time.GetElapsedTime(firstAt);
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            wait.CancelAfter(remaining);
            try
            {
                if (!await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                {
                    break; // the source ended: send what we have
                }
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                break; // the batch is due
            }
        }

        return batch;
    }

    private async Task SendAsync(List<(SampledFrame Frame, DateTimeOffset ReceivedAt)> frames, long number, SemaphoreSlim inFlight, CancellationToken stopping)
    {
        try
        {
            var batch = new FrameBatch(_runId, frames.ConvertAll(static f => f.Frame));
            var started = _context.Time.GetTimestamp();
            var delay = _context.Worker.RetryInitialDelay;
            for (var attempt = 1; ; attempt++)
            {
                stopping.ThrowIfCancellationRequested();
                try
                {
                    var ack = await _monitor.IngestAsync(batch).ConfigureAwait(false);
                    Record(frames, started);
                    Apply(ack, number);
                    return;
                }
                catch (Exception e) when (IsRefusal(e))
                {
                    // The grain refused the batch itself (bad frames, or the stream was stopped): sending it again
                    // cannot help. A stopped stream's lease goes away with the next heartbeat.
                    _context.Metrics.BatchesDropped.Add(1);
                    LogBatchRefused(Lease.Key, batch.Frames[0].Sequence, e.Message);
                    return;
                }
                catch (Exception e) when (!stopping.IsCancellationRequested && e is not OperationCanceledException)
                {
                    _context.Metrics.BatchRetries.Add(1);
                    LogBatchRetry(Lease.Key, batch.Frames[0].Sequence, attempt, delay, e.Message);
                    await Task.Delay(Jitter(delay), _context.Time, stopping).ConfigureAwait(false);
                    delay = Doubled(delay);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the batch is abandoned; the stream's next run (here or elsewhere) starts from live.
        }
        finally
        {
            inFlight.Release();
        }
    }

    private void Record(List<(SampledFrame Frame, DateTimeOffset ReceivedAt)> frames, long started)
    {
        _context.Metrics.BatchesSent.Add(1);
        _context.Metrics.DeliveryDuration.Record(_context.Time.GetElapsedTime(started).TotalMilliseconds);
        var now = _context.Time.GetUtcNow();
        foreach (var (_, receivedAt) in frames)
        {
            _context.Metrics.SampleAge.Record((now - receivedAt).TotalMilliseconds);
        }
    }

    // Answers can arrive out of order when several batches are in flight: only the newest batch's answer steers.
    private void Apply(IngestAck ack, long number)
    {
        lock (_ackGate)
        {
            if (number < _lastAppliedBatch)
            {
                return;
            }

            _lastAppliedBatch = number;
        }

        _supervisor.ApplyPolicy(ack.Sampling);
        if (ack.Evidence is { } request)
        {
            _evidence.Request(request);
        }
    }

    // The supervisor's state changes go to the grain through a one-slot mailbox: the latest report waits there until
    // one sender gets it through, retrying with backoff for as long as the runner runs. A report must not be dropped
    // after a few tries: "Live" is the last change of a healthy stream, so a report lost while the grain's store was
    // down would leave the stream shown as Starting for good. Nor may the supervisor wait on it (its frames matter
    // more), and an older report is never sent after a newer one.
    private ValueTask ReportStateAsync(IngestStateChange change, CancellationToken cancellationToken)
    {
        _context.Metrics.StateChanges.Add(1, new KeyValuePair<string, object?>("state", change.State.ToString()));
        LogState(Lease.Key, change.State, change.Reason ?? string.Empty);
        var report = new IngestStateReport(change.State, change.Reason, _context.WorkerId, change.At, change.Restarts);
        lock (_reportGate)
        {
            _unsentReport = report;
            if (!_sendingReports)
            {
                _sendingReports = true;
                _reportSender = SendReportsAsync(_stopping.Token);
            }
        }

        return ValueTask.CompletedTask;
    }

    private async Task SendReportsAsync(CancellationToken stopping)
    {
        await Task.Yield();
        var delay = _context.Worker.RetryInitialDelay;
        var failures = 0;
        while (true)
        {
            IngestStateReport report;
            lock (_reportGate)
            {
                if (_unsentReport is null || stopping.IsCancellationRequested)
                {
                    _sendingReports = false;
                    return;
                }

                report = _unsentReport;
            }

            try
            {
                await _monitor.ReportIngestStateAsync(report).ConfigureAwait(false);
                failures = 0;
                delay = _context.Worker.RetryInitialDelay;
            }
            catch (Exception e) when (IsRefusal(e))
            {
                // The grain will never take it (a stopped stream): retrying would not change that.
                LogStateReportFailed(Lease.Key, report.State, e.Message);
            }
#pragma warning disable CA1031 // Any other failure (store or silo unavailable) is retried; the runner's stop ends it.
            catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
#pragma warning restore CA1031
            {
                if (failures++ == 0)
                {
                    LogStateReportFailed(Lease.Key, report.State, e.Message);
                }

                try
                {
                    await Task.Delay(Jitter(delay), _context.Time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: the loop ends at its next check.
                }

                delay = Doubled(delay);
                continue;
            }
            catch (OperationCanceledException)
            {
                continue;
            }

            lock (_reportGate)
            {
                if (ReferenceEquals(_unsentReport, report))
                {
                    _unsentReport = null;
                }
            }
        }
    }

    /// <summary>Waits until the grain has the latest state report (or the runner is stopped).</summary>
    private Task ReportsSentAsync()
    {
        lock (_reportGate)
        {
            return _reportSender;
        }
    }

    private static bool IsRefusal(Exception e) => e is ArgumentException or InvalidOperationException && e is not ObjectDisposedException;

    private TimeSpan Doubled(TimeSpan delay) => TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _context.Worker.RetryMaxDelay.Ticks));

    private static TimeSpan Jitter(TimeSpan delay) => delay * (0.8 + (Random.Shared.NextDouble() * 0.4));

    [LoggerMessage(Level = LogLevel.Information, Message = "Following {Stream} under lease {Lease}")]
    private partial void LogStarting(StreamKey stream, Guid lease);

    [LoggerMessage(Level = LogLevel.Information, Message = "No longer following {Stream}")]
    private partial void LogStopped(StreamKey stream);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Stream} is {State} {Reason}")]
    private partial void LogState(StreamKey stream, IngestState state, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Stream}: batch from sequence {Sequence} failed (attempt {Attempt}); retrying in {Delay}: {Error}")]
    private partial void LogBatchRetry(StreamKey stream, long sequence, int attempt, TimeSpan delay, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Stream}: the grain refused the batch from sequence {Sequence}: {Error}")]
    private partial void LogBatchRefused(StreamKey stream, long sequence, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Stream}: could not report ingest state {State} yet (retrying until the grain takes it or a newer state replaces it): {Error}")]
    private partial void LogStateReportFailed(StreamKey stream, IngestState state, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Stream}: following the stream failed")]
    private partial void LogRunnerFailed(StreamKey stream, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Stream}: stopping took longer than {Timeout}; moving on")]
    private partial void LogSlowStop(StreamKey stream, TimeSpan timeout);
}
