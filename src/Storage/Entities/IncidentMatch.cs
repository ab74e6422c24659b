using LiveWatch.Hashing;

namespace LiveWatch.Storage.Entities;

/// <summary>
/// One frame hash that matched one bank entry. (<see cref="IncidentId"/>, <see cref="RunId"/>,
/// <see cref="FrameSequence"/>, <see cref="BankEntryId"/>) is unique, so a retried batch never adds a match twice.
/// </summary>
public sealed class IncidentMatch
{
    /// <summary>Longest accepted run id.</summary>
    public const int MaxRunIdLength = 100;

    /// <summary>Match id.</summary>
    public long Id { get; set; }

    /// <summary>The incident.</summary>
    public Guid IncidentId { get; set; }

    /// <summary>The ingest run (one connection to the stream) that produced the frame.</summary>
    public required string RunId { get; set; }

    /// <summary>Frame number within the run.</summary>
    public long FrameSequence { get; set; }

    /// <summary>When the frame was shown in the stream (UTC).</summary>
    public DateTimeOffset FrameTimestamp { get; set; }

    /// <summary>The bank of the matched entry.</summary>
    public long BankId { get; set; }

    /// <summary>The matched entry.</summary>
    public long BankEntryId { get; set; }

    /// <summary>Hamming distance between the frame hash (in <see cref="Variant"/>) and the entry.</summary>
    public int Distance { get; set; }

    /// <summary>Which of the 8 dihedral variants matched (0 = the frame as is).</summary>
    public int Variant { get; set; }

    /// <summary>PDQ quality of the frame (0..100).</summary>
    public int Quality { get; set; }

    /// <summary>The frame's PDQ hash (variant 0), 32 bytes big-endian.</summary>
    public Hash256 FrameHash { get; set; }

    /// <summary>When the match was recorded (UTC).</summary>
    public DateTimeOffset MatchedAt { get; set; }
}
