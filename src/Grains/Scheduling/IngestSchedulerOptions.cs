namespace LiveWatch.Grains.Scheduling;

/// <summary>How the ingest scheduler leases pulled streams to workers (section <c>LiveWatch:Ingest:Scheduler</c>).</summary>
public sealed class IngestSchedulerOptions
{
    public const string SectionName = "LiveWatch:Ingest:Scheduler";

    /// <summary>
    /// The service key of the scheduler's clock: the silo's <see cref="TimeProvider"/> unless a host (a test) registers
    /// another under this key, so a fake clock can drive the scheduler without slowing Orleans' own timers.
    /// </summary>
    public const string ClockKey = "LiveWatch:Ingest:Scheduler:Clock";

    /// <summary>
    /// How long a lease holds after the heartbeat that renewed it. A worker silent for this long is dropped and its
    /// streams go to other workers (once its last lease is over). Default 8 s (four heartbeats), so a vanished worker's
    /// streams are handed out within LeaseDuration plus one HeartbeatInterval of its last heartbeat, which leaves time
    /// for their samplers to start within the 20 s an operator is promised.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How often workers heartbeat (told to them in every answer). Default 2 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>What is wrong with the values, or an empty list; each sentence starts with the option's name.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (LeaseDuration <= TimeSpan.Zero || LeaseDuration > TimeSpan.FromMinutes(10))
        {
            errors.Add($"LeaseDuration must be positive and at most 10 minutes, got {LeaseDuration}.");
        }

        if (HeartbeatInterval <= TimeSpan.Zero)
        {
            errors.Add($"HeartbeatInterval must be positive, got {HeartbeatInterval}.");
        }

        // A worker must be able to miss one heartbeat (a slow call, a GC pause) without losing its streams.
        if (HeartbeatInterval * 2 > LeaseDuration)
        {
            errors.Add($"HeartbeatInterval ({HeartbeatInterval}) must be at most half of LeaseDuration ({LeaseDuration}).");
        }

        return errors;
    }
}
