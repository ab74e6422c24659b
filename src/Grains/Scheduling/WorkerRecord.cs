using LiveWatch.Contracts.Streams;

namespace LiveWatch.Grains.Scheduling;

/// <summary>A live worker as the scheduler knows it (in memory: workers heartbeat again after a reactivation).</summary>
internal sealed class WorkerRecord
{
    public WorkerRecord(string workerId)
    {
        WorkerId = workerId;
    }

    public string WorkerId { get; }

    public int Capacity { get; set; }

    /// <summary>When its last heartbeat arrived; every lease in the answer to it holds until LeaseDuration after.</summary>
    public DateTimeOffset LastHeartbeat { get; set; }

    /// <summary>The streams leased to it.</summary>
    public HashSet<StreamKey> Streams { get; } = [];

    public bool HasFreeCapacity => Streams.Count < Capacity;
}
