using LiveWatch.Contracts.Scheduling;
using LiveWatch.Contracts.Streams;

namespace LiveWatch.Grains.Tests.Scheduling;

/// <summary>
/// A worker as the scheduler's contract wants one: it runs what the last answer leased it, reports it in the next
/// heartbeat, and stops a stream whose lease it could not renew within ValidFor (the fencing that keeps two workers
/// from sampling one stream at once).
/// </summary>
internal sealed class SimulatedWorker
{
    private readonly Dictionary<StreamKey, (Guid LeaseId, DateTimeOffset ValidUntil)> _leases = [];

    public SimulatedWorker(string id, int capacity)
    {
        Id = id;
        Capacity = capacity;
    }

    public string Id { get; }

    public int Capacity { get; set; }

    /// <summary>What it runs at <paramref name="now"/>: the leases still valid.</summary>
    public IReadOnlyDictionary<StreamKey, Guid> Running(DateTimeOffset now) =>
        _leases.Where(l => l.Value.ValidUntil > now).ToDictionary(l => l.Key, l => l.Value.LeaseId);

    public async Task<WorkerLeases> HeartbeatAsync(IIngestSchedulerGrain scheduler, DateTimeOffset now)
    {
        var running = Running(now).Select(r => new RunningLease(r.Key, r.Value)).ToArray();
        var answer = await scheduler.HeartbeatAsync(new WorkerHeartbeat(Id, Capacity, running));
        Accept(answer, now);
        return answer;
    }

    /// <summary>Runs what <paramref name="answer"/> (to a heartbeat sent at <paramref name="sentAt"/>) leases, and nothing else.</summary>
    public void Accept(WorkerLeases answer, DateTimeOffset sentAt)
    {
        _leases.Clear();
        foreach (var lease in answer.Leases)
        {
            _leases[lease.Key] = (lease.LeaseId, sentAt + answer.ValidFor);
        }
    }

    /// <summary>A clean shutdown: its streams stop, then it tells the scheduler.</summary>
    public async Task LeaveAsync(IIngestSchedulerGrain scheduler)
    {
        _leases.Clear();
        await scheduler.LeaveAsync(Id);
    }
}
