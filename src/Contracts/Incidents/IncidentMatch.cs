using LiveWatch.Hashing;

namespace LiveWatch.Contracts.Incidents;

/// <summary>One frame of a stream that matched a bank entry.</summary>
[GenerateSerializer, Immutable]
public sealed record IncidentMatch(
    [property: Id(0)] string RunId,
    [property: Id(1)] long FrameSequence,
    [property: Id(2)] DateTimeOffset FrameTimestamp,
    [property: Id(3)] long BankId,
    [property: Id(4)] long BankEntryId,
    [property: Id(5)] int Distance,
    [property: Id(6)] int Variant,
    [property: Id(7)] int Quality,
    [property: Id(8)] Hash256 FrameHash);
