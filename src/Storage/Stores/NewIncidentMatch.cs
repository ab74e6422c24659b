using LiveWatch.Hashing;

namespace LiveWatch.Storage.Stores;

/// <summary>A match to record. (RunId, FrameSequence, BankEntryId) identifies it within an incident.</summary>
/// <param name="RunId">The ingest run that produced the frame.</param>
/// <param name="FrameSequence">Frame number within the run.</param>
/// <param name="FrameTimestamp">When the frame was shown in the stream.</param>
/// <param name="BankId">Bank of the matched entry.</param>
/// <param name="BankEntryId">The matched entry.</param>
/// <param name="Distance">Hamming distance (0..256).</param>
/// <param name="Variant">Dihedral variant that matched (0..7).</param>
/// <param name="Quality">PDQ quality of the frame (0..100).</param>
/// <param name="FrameHash">The frame's hash.</param>
public sealed record NewIncidentMatch(
    string RunId,
    long FrameSequence,
    DateTimeOffset FrameTimestamp,
    long BankId,
    long BankEntryId,
    int Distance,
    int Variant,
    int Quality,
    Hash256 FrameHash);
