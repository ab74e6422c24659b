using LiveWatch.Contracts.Streams;

namespace LiveWatch.Contracts.Scheduling;

/// <summary>The scheduler's view, for operators and tests.</summary>
[GenerateSerializer, Immutable]
public sealed record SchedulerOverview(
    [property: Id(0)] IReadOnlyList<WorkerOverview> Workers,
    [property: Id(1)] IReadOnlyList<StreamKey> Waiting);

/// <summary>One worker as the scheduler sees it.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkerOverview(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] int Capacity,
    [property: Id(2)] DateTimeOffset LastHeartbeat,
    [property: Id(3)] IReadOnlyList<StreamKey> Streams);
