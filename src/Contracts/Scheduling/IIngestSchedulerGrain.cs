namespace LiveWatch.Contracts.Scheduling;

/// <summary>
/// The cluster's one ingest scheduler (key <see cref="IngestScheduler.Key"/>): knows which pulled streams must be
/// followed and leases each to one worker by capacity. Workers call <see cref="HeartbeatAsync"/> every few seconds; the
/// answer is the complete set of leases the worker holds from then on (start what is new, stop what is missing). A
/// worker that stops heartbeating loses its leases when they expire and its streams go to other workers.
/// </summary>
public interface IIngestSchedulerGrain : IGrainWithIntegerKey
{
    /// <summary>A worker's heartbeat: its capacity and the streams it runs; returns its leases.</summary>
    Task<WorkerLeases> HeartbeatAsync(WorkerHeartbeat heartbeat);

    /// <summary>A worker leaving cleanly (shutdown): its leases are released at once.</summary>
    Task LeaveAsync(string workerId);

    /// <summary>Follow a pulled stream (registered with a source URL). Idempotent; a new URL replaces the old one.</summary>
    Task ScheduleAsync(StreamToFollow stream);

    /// <summary>Stop following a stream (stopped by the platform, or its source ended or failed for good).</summary>
    Task UnscheduleAsync(Streams.StreamKey key);

    /// <summary>Workers, their leases and the streams waiting for one (operators' view).</summary>
    Task<SchedulerOverview> GetOverviewAsync();
}
