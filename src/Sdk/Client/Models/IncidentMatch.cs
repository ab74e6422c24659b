namespace LiveWatch.Sdk.Client.Models;

/// <summary>One frame that matched a bank entry. The bank entry's own hash is never returned.</summary>
/// <param name="Variant">The orientation of the frame that matched (e.g. <c>Original</c>, <c>Rotate180</c>).</param>
public sealed record IncidentMatch(
    string RunId,
    long FrameSequence,
    DateTimeOffset FrameTimestamp,
    long BankId,
    long BankEntryId,
    int Distance,
    string Variant,
    int Quality,
    string FrameHash);
