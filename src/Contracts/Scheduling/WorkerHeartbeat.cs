using LiveWatch.Contracts.Streams;

namespace LiveWatch.Contracts.Scheduling;

/// <summary>What a worker tells the scheduler every few seconds.</summary>
/// <param name="WorkerId">Stable for the life of the worker process (a new process is a new worker).</param>
/// <param name="Capacity">How many streams it may run at once.</param>
/// <param name="Running">The streams it runs now (with the lease each runs under).</param>
[GenerateSerializer, Immutable]
public sealed record WorkerHeartbeat(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] int Capacity,
    [property: Id(2)] IReadOnlyList<RunningLease> Running);

/// <summary>A stream a worker runs, under lease <paramref name="LeaseId"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record RunningLease(
    [property: Id(0)] StreamKey Key,
    [property: Id(1)] Guid LeaseId);
