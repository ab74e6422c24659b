namespace LiveWatch.Silo.Api.Models;

/// <summary>One frame that matched a bank entry. The bank entry's hash itself is never returned.</summary>
public sealed record IncidentMatchResponse(
    string RunId,
    long FrameSequence,
    DateTimeOffset FrameTimestamp,
    long BankId,
    long BankEntryId,
    int Distance,
    string Variant,
    int Quality,
    string FrameHash);
