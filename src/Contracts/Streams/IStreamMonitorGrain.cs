using LiveWatch.Contracts.Ingest;

namespace LiveWatch.Contracts.Streams;

/// <summary>
/// One live stream (key: <see cref="StreamKey.ToGrainKey"/>, i.e. <c>tenant/stream</c>): hashes its frames, matches
/// them against the banks its tenant sees, keeps its risk over time and opens incidents. Batches are at-least-once
/// safe: a repeated (run, sequence) is dropped.
/// </summary>
public interface IStreamMonitorGrain : IGrainWithStringKey
{
    /// <summary>Processes sampled frames; the answer carries the sampling policy for the worker.</summary>
    /// <exception cref="ArgumentException">A frame's pixels are unusable (what and which sequence in the message).</exception>
    ValueTask<IngestAck> IngestAsync(FrameBatch batch);

    /// <summary>Processes hashes the platform computed itself (hash-only mode).</summary>
    ValueTask<IngestAck> PushHashesAsync(HashBatch batch);

    /// <summary>Stops monitoring: later batches are refused until the stream is registered again.</summary>
    Task StopAsync();

    /// <summary>Takes frames again after <see cref="StopAsync"/> (the stream was registered again); keeps risk and counters.</summary>
    Task ResumeAsync();

    /// <summary>The worker's report of the source's ingest state (pulled streams): recorded, shown and published.</summary>
    Task ReportIngestStateAsync(IngestStateReport report);

    /// <summary>
    /// A moderator dismissed <paramref name="incidentId"/> as a false positive. If it is still the stream's open
    /// incident, the stream forgets it: a later match on a bank entry it did not hold opens a new incident rather than
    /// being attached, unseen, to the dismissed one. Idempotent (told again, or of another incident, it changes
    /// nothing), so the incident may retry it freely.
    /// </summary>
    Task IncidentDismissedAsync(Guid incidentId);

    /// <summary>Current counters, level and open incident.</summary>
    ValueTask<StreamStatus> GetStatusAsync();
}
