using LiveWatch.Contracts.Scheduling;
using LiveWatch.Contracts.Streams;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveWatch.Grains.Scheduling;

/// <summary>
/// The cluster's one ingest scheduler. It leases every pulled stream to one worker, the least loaded with free
/// capacity, higher priority first, and keeps a stream where it is while its worker heartbeats (no preemption: a
/// running stream is never moved for a waiting one). A worker silent for <see cref="IngestSchedulerOptions.LeaseDuration"/>
/// is dropped and its streams go to others with new lease ids, but only once its last lease is over: workers stop a
/// stream whose lease they could not renew in time, so two workers never sample one stream at once.
/// </summary>
/// <remarks>
/// The set of streams to follow is the moderation store's (pulled streams not stopped, ended or failed), read on
/// activation and kept in step by <see cref="ScheduleAsync"/> and <see cref="UnscheduleAsync"/>, which their callers
/// make after the store changed. Workers are only in memory: after a reactivation they heartbeat again within one
/// interval, report what they run (which they keep), and streams nobody reported wait one lease period first, in case
/// a worker that has not heartbeated yet still runs them. Every turn is in memory, with no store I/O: expiry is
/// worked out from the clock on each call rather than by a timer.
/// </remarks>
public sealed partial class IngestSchedulerGrain : Grain, IIngestSchedulerGrain
{
    /// <summary>Longest worker id accepted.</summary>
    public const int MaxWorkerIdLength = 200;

    /// <summary>Most streams one worker may run.</summary>
    public const int MaxCapacity = 10_000;

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly IngestSchedulerOptions _options;
    private readonly ILogger<IngestSchedulerGrain> _logger;
    private readonly Dictionary<StreamKey, FollowedStream> _streams = [];
    private readonly Dictionary<string, WorkerRecord> _workers = new(StringComparer.Ordinal);

    // Streams no longer followed whose last lease may still run on a worker: if followed again, not before then.
    private readonly Dictionary<StreamKey, DateTimeOffset> _released = [];
    private DateTimeOffset _graceUntil;

    public IngestSchedulerGrain(
        IServiceScopeFactory scopes,
        [FromKeyedServices(IngestSchedulerOptions.ClockKey)] TimeProvider time,
        IOptions<IngestSchedulerOptions> options,
        ILogger<IngestSchedulerGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _scopes = scopes;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    private TimeSpan LeaseDuration => _options.LeaseDuration;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        _graceUntil = now + LeaseDuration;
        await using var scope = _scopes.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<StreamStore>().ListPulledToFollowAsync(cancellationToken).ConfigureAwait(true);
        foreach (var row in rows)
        {
            if (!Identifier.TryValidate(row.TenantId, "tenant id", out var error) || !Identifier.TryValidate(row.StreamId, "stream id", out error))
            {
                LogUnfollowable(row.TenantId, row.StreamId, error);
                continue;
            }

            var key = new StreamKey(row.TenantId, row.StreamId);
            _streams[key] = new FollowedStream(new StreamToFollow(key, row.SourceUrl!, row.Priority), now, DateTimeOffset.MinValue);
        }

        LogActivated(_streams.Count, _graceUntil);
    }

    public Task<WorkerLeases> HeartbeatAsync(WorkerHeartbeat heartbeat)
    {
        Validate(heartbeat);
        var now = _time.GetUtcNow();
        Expire(now);
        if (!_workers.TryGetValue(heartbeat.WorkerId, out var worker))
        {
            worker = new WorkerRecord(heartbeat.WorkerId) { LastHeartbeat = now };
            _workers.Add(worker.WorkerId, worker);
            LogWorkerJoined(worker.WorkerId, heartbeat.Capacity, heartbeat.Running.Count);
        }

        // Whatever the worker was last told holds until then, even if the answer to this heartbeat gets lost.
        var toldUntil = worker.LastHeartbeat + LeaseDuration;
        worker.Capacity = heartbeat.Capacity;
        worker.LastHeartbeat = now;
        Adopt(worker, heartbeat.Running, now);
        Shed(worker, toldUntil, now);
        Assign(now);
        var leases = worker.Streams
            .Select(key => _streams[key])
            .Select(s => new StreamLease(s.Stream.Key, s.Stream.SourceUrl, s.LeaseId))
            .OrderBy(l => l.Key.TenantId, StringComparer.Ordinal).ThenBy(l => l.Key.StreamId, StringComparer.Ordinal)
            .ToArray();
        return Task.FromResult(new WorkerLeases(leases, LeaseDuration, _options.HeartbeatInterval));
    }

    public Task LeaveAsync(string workerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        var now = _time.GetUtcNow();
        if (_workers.Remove(workerId, out var worker))
        {
            // A clean shutdown stops its streams before it says so: they may go elsewhere at once.
            Release(worker, now, now);
            LogWorkerLeft(workerId, worker.Streams.Count);
        }

        Expire(now);
        Assign(now);
        return Task.CompletedTask;
    }

    public Task ScheduleAsync(StreamToFollow stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _ = new StreamKey(stream.Key.TenantId, stream.Key.StreamId);
        ArgumentException.ThrowIfNullOrWhiteSpace(stream.SourceUrl, nameof(stream));
        var now = _time.GetUtcNow();
        Expire(now);
        if (_streams.TryGetValue(stream.Key, out var followed))
        {
            if (followed.WorkerId is not null && !string.Equals(followed.Stream.SourceUrl, stream.SourceUrl, StringComparison.Ordinal))
            {
                // Same worker, new source: a new run, which the worker starts on seeing the new lease id.
                followed.LeaseId = Guid.NewGuid();
            }

            followed.Stream = stream;
        }
        else
        {
            var notBefore = _released.Remove(stream.Key, out var until) ? until : DateTimeOffset.MinValue;
            _streams.Add(stream.Key, new FollowedStream(stream, now, notBefore));
            LogScheduled(stream.Key, stream.Priority);
        }

        Assign(now);
        return Task.CompletedTask;
    }

    public Task UnscheduleAsync(StreamKey key)
    {
        var now = _time.GetUtcNow();
        Expire(now);
        if (_streams.Remove(key, out var followed))
        {
            var until = followed.NotBefore;
            if (followed.WorkerId is { } holder && _workers.TryGetValue(holder, out var worker))
            {
                worker.Streams.Remove(key);
                until = worker.LastHeartbeat + LeaseDuration;
            }

            if (until > now)
            {
                _released[key] = until;
            }

            LogUnscheduled(key, followed.WorkerId);
        }

        return Task.CompletedTask;
    }

    public Task<SchedulerOverview> GetOverviewAsync()
    {
        var now = _time.GetUtcNow();
        Expire(now);
        var workers = _workers.Values
            .OrderBy(w => w.WorkerId, StringComparer.Ordinal)
            .Select(w => new WorkerOverview(w.WorkerId, w.Capacity, w.LastHeartbeat, Sorted(w.Streams)))
            .ToArray();
        var waiting = _streams.Values
            .Where(s => s.WorkerId is null)
            .OrderByDescending(s => s.Stream.Priority).ThenBy(s => s.WaitingSince).ThenBy(s => s.Stream.Key.ToGrainKey(), StringComparer.Ordinal)
            .Select(s => s.Stream.Key)
            .ToArray();
        return Task.FromResult(new SchedulerOverview(workers, waiting));
    }

    private static StreamKey[] Sorted(IEnumerable<StreamKey> keys) =>
        [.. keys.OrderBy(k => k.TenantId, StringComparer.Ordinal).ThenBy(k => k.StreamId, StringComparer.Ordinal)];

    private static void Validate(WorkerHeartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        ArgumentException.ThrowIfNullOrWhiteSpace(heartbeat.WorkerId, nameof(heartbeat));
        if (heartbeat.WorkerId.Length > MaxWorkerIdLength)
        {
            throw new ArgumentException($"A worker id is at most {MaxWorkerIdLength} characters, got {heartbeat.WorkerId.Length}.", nameof(heartbeat));
        }

        if (heartbeat.Capacity is < 0 or > MaxCapacity)
        {
            throw new ArgumentException($"Worker {heartbeat.WorkerId}: capacity must be 0..{MaxCapacity}, got {heartbeat.Capacity}.", nameof(heartbeat));
        }

        if (heartbeat.Running is null)
        {
            throw new ArgumentException($"Worker {heartbeat.WorkerId}: the heartbeat has no list of running streams.", nameof(heartbeat));
        }
    }

    // Drops workers silent for a lease period. Their last leases end exactly then, so their streams may be leased
    // again from that moment.
    private void Expire(DateTimeOffset now)
    {
        List<WorkerRecord>? expired = null;
        foreach (var worker in _workers.Values)
        {
            if (worker.LastHeartbeat + LeaseDuration <= now)
            {
                (expired ??= []).Add(worker);
            }
        }

        foreach (var worker in expired ?? [])
        {
            _workers.Remove(worker.WorkerId);
            Release(worker, worker.LastHeartbeat + LeaseDuration, now);
            LogWorkerExpired(worker.WorkerId, worker.LastHeartbeat, worker.Streams.Count);
        }

        if (_released.Count > 0)
        {
            foreach (var key in _released.Where(r => r.Value <= now).Select(r => r.Key).ToList())
            {
                _released.Remove(key);
            }
        }
    }

    // The worker's streams wait again; none is leased to anyone else before `notBefore`.
    private void Release(WorkerRecord worker, DateTimeOffset notBefore, DateTimeOffset now)
    {
        foreach (var key in worker.Streams)
        {
            if (_streams.TryGetValue(key, out var followed) && followed.WorkerId == worker.WorkerId)
            {
                followed.WorkerId = null;
                followed.WaitingSince = now;
                followed.NotBefore = notBefore;
            }
        }
    }

    // Streams the worker says it runs and nobody holds stay with it under the lease it runs them with: after a
    // reactivation the scheduler learns its leases from the workers, and no stream restarts for that.
    private void Adopt(WorkerRecord worker, IReadOnlyList<RunningLease> running, DateTimeOffset now)
    {
        foreach (var run in running)
        {
            if (run is null || !worker.HasFreeCapacity)
            {
                continue;
            }

            if (_streams.TryGetValue(run.Key, out var followed) && followed.WorkerId is null && followed.NotBefore <= now)
            {
                followed.WorkerId = worker.WorkerId;
                followed.LeaseId = run.LeaseId;
                worker.Streams.Add(run.Key);
                LogAdopted(run.Key, worker.WorkerId, run.LeaseId);
            }
        }
    }

    // A worker whose capacity went down keeps its highest-priority streams; the others wait until what it was told
    // last is over (it stops them on this answer, but the answer may be lost).
    private void Shed(WorkerRecord worker, DateTimeOffset toldUntil, DateTimeOffset now)
    {
        var excess = worker.Streams.Count - worker.Capacity;
        if (excess <= 0)
        {
            return;
        }

        var shed = worker.Streams
            .Select(key => _streams[key])
            .OrderBy(s => s.Stream.Priority).ThenByDescending(s => s.Stream.Key.ToGrainKey(), StringComparer.Ordinal)
            .Take(excess)
            .ToList();
        foreach (var followed in shed)
        {
            worker.Streams.Remove(followed.Stream.Key);
            followed.WorkerId = null;
            followed.WaitingSince = now;
            followed.NotBefore = toldUntil > now ? toldUntil : now;
            LogShed(followed.Stream.Key, worker.WorkerId, worker.Capacity);
        }
    }

    // Waiting streams, highest priority and longest waiting first, each to the least loaded worker with room.
    private void Assign(DateTimeOffset now)
    {
        if (now < _graceUntil || _workers.Count == 0)
        {
            return;
        }

        var waiting = _streams.Values
            .Where(s => s.WorkerId is null && s.NotBefore <= now)
            .OrderByDescending(s => s.Stream.Priority).ThenBy(s => s.WaitingSince).ThenBy(s => s.Stream.Key.ToGrainKey(), StringComparer.Ordinal)
            .ToList();
        foreach (var followed in waiting)
        {
            WorkerRecord? best = null;
            foreach (var worker in _workers.Values)
            {
                if (worker.HasFreeCapacity && (best is null || IsLessLoaded(worker, best)))
                {
                    best = worker;
                }
            }

            if (best is null)
            {
                return;
            }

            followed.WorkerId = best.WorkerId;
            followed.LeaseId = Guid.NewGuid();
            best.Streams.Add(followed.Stream.Key);
            LogLeased(followed.Stream.Key, best.WorkerId, followed.LeaseId);
        }
    }

    // Lower share of capacity in use, then more free slots, then the id: the same choice every time.
    private static bool IsLessLoaded(WorkerRecord a, WorkerRecord b)
    {
        var load = ((long)a.Streams.Count * b.Capacity).CompareTo((long)b.Streams.Count * a.Capacity);
        if (load != 0)
        {
            return load < 0;
        }

        var free = (a.Capacity - a.Streams.Count).CompareTo(b.Capacity - b.Streams.Count);
        return free != 0 ? free > 0 : string.CompareOrdinal(a.WorkerId, b.WorkerId) < 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest scheduler activated: {Streams} pulled streams to follow; streams no worker reports wait until {GraceUntil}")]
    private partial void LogActivated(int streams, DateTimeOffset graceUntil);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {TenantId}/{StreamId} cannot be followed: {Error}")]
    private partial void LogUnfollowable(string tenantId, string streamId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest worker {WorkerId} joined with capacity {Capacity}, running {Running} streams")]
    private partial void LogWorkerJoined(string workerId, int capacity, int running);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest worker {WorkerId} left; its {Streams} streams are released")]
    private partial void LogWorkerLeft(string workerId, int streams);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest worker {WorkerId} stopped heartbeating (last at {LastHeartbeat}); its {Streams} streams go to other workers")]
    private partial void LogWorkerExpired(string workerId, DateTimeOffset lastHeartbeat, int streams);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream} scheduled (priority {Priority})")]
    private partial void LogScheduled(StreamKey stream, int priority);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream} unscheduled (was with worker {WorkerId})")]
    private partial void LogUnscheduled(StreamKey stream, string? workerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream} leased to worker {WorkerId} (lease {LeaseId})")]
    private partial void LogLeased(StreamKey stream, string workerId, Guid leaseId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream} stays with worker {WorkerId}, which reported running it (lease {LeaseId})")]
    private partial void LogAdopted(StreamKey stream, string workerId, Guid leaseId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream} taken from worker {WorkerId}: its capacity went down to {Capacity}")]
    private partial void LogShed(StreamKey stream, string workerId, int capacity);
}
