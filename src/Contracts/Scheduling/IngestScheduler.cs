namespace LiveWatch.Contracts.Scheduling;

/// <summary>Constants of the ingest scheduler.</summary>
public static class IngestScheduler
{
    /// <summary>The key of the one <see cref="IIngestSchedulerGrain"/> of a cluster.</summary>
    public const long Key = 0;
}
