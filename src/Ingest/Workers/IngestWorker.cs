using LiveWatch.Contracts.Scheduling;
using LiveWatch.Ingest.Sampling;
using LiveWatch.Ingest.Sources;
using LiveWatch.Ingest.Supervision;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveWatch.Ingest.Workers;

/// <summary>
/// An ingest worker: heartbeats to the cluster's <see cref="IIngestSchedulerGrain"/>, runs one
/// <see cref="StreamRunner"/> per lease it holds, and stops every stream whose lease it could not renew in time (so a
/// worker cut off from the cluster never keeps sampling a stream the scheduler has given to another worker). Runs inside
/// a silo (single node) or in its own process as an Orleans client (cluster); it only needs an <see cref="IGrainFactory"/>.
/// </summary>
public sealed partial class IngestWorker : BackgroundService, IDisposable
{
    private readonly WorkerContext _context;
    private readonly ILogger<IngestWorker> _logger;
    private readonly Dictionary<Guid, StreamRunner> _runners = [];
    private readonly HashSet<Guid> _finished = [];
    private long _validUntil;
    private TimeSpan _leasePeriod = TimeSpan.Zero;

    /// <summary>Creates the worker (the host starts it).</summary>
    public IngestWorker(
        IGrainFactory grains, IOptions<IngestWorkerOptions> options, IOptions<SamplerOptions> sampler, SourceUrlPolicy urlPolicy,
        IngestMetrics metrics, ILoggerFactory loggers, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(loggers);
        var settings = options.Value;
        var id = string.IsNullOrEmpty(settings.WorkerId)
            ? $"{Environment.MachineName}-{Environment.ProcessId}-{Random.Shared.Next(0x10000):x4}"
            : settings.WorkerId;
        _context = new WorkerContext(id, grains, settings, sampler.Value, urlPolicy, metrics, new FfmpegStartGate(settings.MaxConcurrentStarts), loggers, time);
        _logger = loggers.CreateLogger<IngestWorker>();
    }

    /// <summary>This worker's name at the scheduler.</summary>
    public string WorkerId => _context.WorkerId;

    /// <summary>The streams this worker runs now (for diagnostics and tests).</summary>
    public IReadOnlyList<StreamLease> Running
    {
        get
        {
            lock (_runners)
            {
                return _runners.Values.Where(r => !r.Finished).Select(r => r.Lease).ToList();
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var orphans = FfmpegOrphans.Clean(_context.Sampler.EffectiveSocketRoot);
        LogStarted(WorkerId, _context.Worker.Capacity, orphans.KilledProcessIds.Count, orphans.DeletedPaths.Count);
        var scheduler = _context.Grains.GetGrain<IIngestSchedulerGrain>(IngestScheduler.Key);
        var interval = TimeSpan.FromSeconds(1);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var sentAt = _context.Time.GetTimestamp();
                try
                {
                    // Bounded by the lease period: a heartbeat that hangs must not keep the fence below from acting.
                    var leases = await scheduler.HeartbeatAsync(Heartbeat())
                        .WaitAsync(LeasePeriodOr(TimeSpan.FromSeconds(10)), _context.Time, stoppingToken).ConfigureAwait(false);
                    Volatile.Write(ref _validUntil, sentAt + (long)(leases.ValidFor.TotalSeconds * _context.Time.TimestampFrequency));
                    _leasePeriod = leases.ValidFor;
                    interval = leases.HeartbeatInterval;
                    await ReconcileAsync(leases.Leases).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogHeartbeatFailed(WorkerId, e.Message);
                    interval = TimeSpan.FromSeconds(1);
                }

                await FenceAsync().ConfigureAwait(false);
                await Task.Delay(interval, _context.Time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
        finally
        {
            await StopAllAsync().ConfigureAwait(false);
            await LeaveAsync(scheduler).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _context.StartGate.Dispose();
        base.Dispose();
    }

    private TimeSpan LeasePeriodOr(TimeSpan fallback) => _leasePeriod > TimeSpan.Zero ? _leasePeriod : fallback;

    private WorkerHeartbeat Heartbeat()
    {
        lock (_runners)
        {
            var running = _runners.Values.Where(r => !r.Finished).Select(r => new RunningLease(r.Lease.Key, r.Lease.LeaseId)).ToList();
            return new WorkerHeartbeat(WorkerId, _context.Worker.Capacity, running);
        }
    }

    // Starts runners for new leases and stops those whose lease is gone. A lease whose runner finished by itself (the
    // source ended or failed) is not started again: the stream's grain unschedules it.
    private async Task ReconcileAsync(IReadOnlyList<StreamLease> leases)
    {
        var wanted = leases.ToDictionary(static l => l.LeaseId);
        List<StreamRunner> gone;
        lock (_runners)
        {
            gone = _runners.Values.Where(r => !wanted.ContainsKey(r.Lease.LeaseId)).ToList();
            foreach (var runner in gone)
            {
                _runners.Remove(runner.Lease.LeaseId);
            }

            _finished.IntersectWith(wanted.Keys);
            foreach (var lease in leases)
            {
                if (_runners.ContainsKey(lease.LeaseId) || _finished.Contains(lease.LeaseId) || _runners.Count >= _context.Worker.Capacity)
                {
                    continue;
                }

                var runner = new StreamRunner(lease, _context);
                _runners.Add(lease.LeaseId, runner);
                runner.Start();
            }

            foreach (var runner in _runners.Values.Where(static r => r.Finished).ToList())
            {
                _runners.Remove(runner.Lease.LeaseId);
                _finished.Add(runner.Lease.LeaseId);
                gone.Add(runner);
            }
        }

        await Task.WhenAll(gone.Select(static r => r.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    // The lease fence: past the validity of the last renewed leases, stop everything.
    private async Task FenceAsync()
    {
        var validUntil = Volatile.Read(ref _validUntil);
        if (validUntil == 0 || _context.Time.GetTimestamp() < validUntil)
        {
            return;
        }

        int count;
        lock (_runners)
        {
            count = _runners.Count;
        }

        if (count > 0)
        {
            LogFenced(WorkerId, count);
            await StopAllAsync().ConfigureAwait(false);
        }
    }

    private async Task StopAllAsync()
    {
        List<StreamRunner> all;
        lock (_runners)
        {
            all = [.. _runners.Values];
            _runners.Clear();
        }

        await Task.WhenAll(all.Select(static r => r.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    private async Task LeaveAsync(IIngestSchedulerGrain scheduler)
    {
        try
        {
            await scheduler.LeaveAsync(WorkerId).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Leaving is a courtesy: without it the leases expire on their own.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogLeaveFailed(WorkerId, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest worker {Worker} started (capacity {Capacity}); killed {Orphans} ffmpeg children and removed {Sockets} socket folders left by earlier workers")]
    private partial void LogStarted(string worker, int capacity, int orphans, int sockets);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest worker {Worker}: heartbeat failed: {Error}")]
    private partial void LogHeartbeatFailed(string worker, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest worker {Worker}: leases not renewed in time; stopped {Count} streams so no other worker samples them twice")]
    private partial void LogFenced(string worker, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest worker {Worker}: could not leave the scheduler ({Error}); its leases expire on their own")]
    private partial void LogLeaveFailed(string worker, string error);
}
