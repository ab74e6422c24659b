using LiveWatch.Contracts.Streams;

namespace LiveWatch.Contracts.Scheduling;

/// <summary>
/// The scheduler's answer to a heartbeat: every lease the worker holds. Each lease is valid until
/// <paramref name="ValidFor"/> after the worker sent the heartbeat (measured on the worker's own clock, so clocks need
/// not agree); a worker that cannot renew stops the stream before then, which is what keeps two workers from sampling
/// one stream at once for longer than one lease period.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WorkerLeases(
    [property: Id(0)] IReadOnlyList<StreamLease> Leases,
    [property: Id(1)] TimeSpan ValidFor,
    [property: Id(2)] TimeSpan HeartbeatInterval);

/// <summary>One stream leased to a worker. A new lease id means a new run (the worker's run id for the grain).</summary>
[GenerateSerializer, Immutable]
public sealed record StreamLease(
    [property: Id(0)] StreamKey Key,
    [property: Id(1)] string SourceUrl,
    [property: Id(2)] Guid LeaseId);
