using LiveWatch.Contracts.Streams;
using LiveWatch.Storage.Entities;

namespace LiveWatch.Dashboard.Incidents;

/// <summary>Everything the incident page shows, read once per request.</summary>
public sealed record IncidentDetail(
    Incident Incident,
    MonitoredStream? Stream,
    StreamStatus? Status,
    IReadOnlyList<MatchLine> Matches,
    IReadOnlyList<EvidenceLine> Evidence,
    IReadOnlyList<TimelineLine> Timeline);

/// <summary>
/// One match: when, which bank entry, how close. <see cref="FrameHash"/> and <see cref="EntryHash"/> are filled only
/// for Admins: hash lists are access-controlled material.
/// </summary>
public sealed record MatchLine(
    DateTimeOffset At, string RunId, long FrameSequence, long BankId, string BankName, long EntryId, string? EntryExternalId,
    string? EntryLabel, int Distance, int Variant, int Quality, string? FrameHash, string? EntryHash);

/// <summary>One evidence frame; only matched frames have a blurred thumbnail.</summary>
public sealed record EvidenceLine(Guid Id, EvidenceKind Kind, DateTimeOffset CapturedAt, double? StreamSeconds, bool HasThumbnail);

/// <summary>One line of the incident's history (opened, level changes, decisions, reveals), from the audit log.</summary>
public sealed record TimelineLine(DateTimeOffset At, string Actor, string Action, string Details);
