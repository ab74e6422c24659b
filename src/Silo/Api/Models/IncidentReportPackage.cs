namespace LiveWatch.Silo.Api.Models;

/// <summary>
/// What a platform needs to file a report on a confirmed incident with NCMEC's CyberTipline (or a similar hotline):
/// the fields of the report, in the report's own terms, and the evidence as it is stored, sealed. LiveWatch never sends
/// it anywhere; the platform's trust and safety team files it (docs/api.md, "Report export").
/// </summary>
/// <param name="Schema">Package format and version: <c>livewatch.incident-report/1</c>.</param>
/// <param name="GeneratedAt">When this package was made.</param>
/// <param name="IncidentSummary">The report's incident summary.</param>
/// <param name="Reporter">Who reports: the platform (tenant).</param>
/// <param name="ReportedStream">The stream and, when the platform registered it, its user.</param>
/// <param name="Review">How the incident was reviewed: confirmation, and whether anyone viewed the content.</param>
/// <param name="Files">One entry per matched frame: its PDQ hash, the banks (hash lists) it matched, annotations.</param>
/// <param name="Evidence">The sealed evidence bundle (AES-256-GCM as stored; never decrypted here).</param>
public sealed record IncidentReportPackage(
    string Schema,
    DateTimeOffset GeneratedAt,
    ReportIncidentSummary IncidentSummary,
    ReportReporter Reporter,
    ReportedBroadcast ReportedStream,
    ReportReview Review,
    IReadOnlyList<ReportFile> Files,
    ReportEvidenceBundle Evidence);

/// <summary>The incident summary: CyberTipline's incident type and time.</summary>
/// <param name="IncidentType">Always <c>Child Pornography (possession, manufacture, and distribution)</c>: LiveWatch only finds known material.</param>
/// <param name="IncidentDateTime">When the first matching frame was captured.</param>
/// <param name="IncidentDateTimeDescription">What that time is.</param>
/// <param name="IncidentId">LiveWatch's incident id.</param>
/// <param name="Level">The risk level the stream reached.</param>
/// <param name="OpenedAt">When LiveWatch opened the incident.</param>
/// <param name="LastMatchAt">When the last matching frame was captured.</param>
/// <param name="MatchCount">Matching frames.</param>
/// <param name="BestDistance">Smallest PDQ Hamming distance of any match (0 = identical).</param>
public sealed record ReportIncidentSummary(
    string IncidentType,
    DateTimeOffset IncidentDateTime,
    string IncidentDateTimeDescription,
    Guid IncidentId,
    string Level,
    DateTimeOffset OpenedAt,
    DateTimeOffset? LastMatchAt,
    int MatchCount,
    int? BestDistance);

/// <summary>The reporting platform (the tenant) and the moderator who confirmed.</summary>
public sealed record ReportReporter(string TenantId, string CompanyName, string? ConfirmedBy, string? ConfirmedByName);

/// <summary>The reported stream; <c>PlatformUserId</c> is the user id the platform registered the stream with, if any.</summary>
/// <param name="LiveStreaming">Always true: the content was found in a live broadcast (CyberTipline's <c>liveStreaming</c> annotation).</param>
public sealed record ReportedBroadcast(
    string StreamId,
    string? PlatformUserId,
    string? Channel,
    string? Title,
    string? SourceUrl,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? StoppedAt,
    string State,
    bool LiveStreaming);

/// <summary>How the incident was reviewed.</summary>
/// <param name="State">Confirmed (or Reported).</param>
/// <param name="ConfirmedAt">When a moderator confirmed it.</param>
/// <param name="EmployeeViewedContent">Whether anyone at the platform viewed the unblurred content: true when the audit log holds an <c>evidence.revealed</c> entry for the incident.</param>
/// <param name="Reveals">Those reveals: who and when.</param>
/// <param name="StreamAction">The stream action asked of the platform (Terminate, Blur), if any.</param>
public sealed record ReportReview(
    string State,
    DateTimeOffset? ConfirmedAt,
    bool EmployeeViewedContent,
    IReadOnlyList<ReportReveal> Reveals,
    string? StreamAction);

/// <summary>One reveal of evidence, from the audit log.</summary>
public sealed record ReportReveal(string Actor, DateTimeOffset At);

/// <summary>One matched frame as a CyberTipline "file".</summary>
/// <param name="RunId">The frame's run (as the platform or ingest worker sent it).</param>
/// <param name="FrameSequence">The frame's sequence in the run.</param>
/// <param name="CapturedAt">When the frame was captured.</param>
/// <param name="Hashes">The frame's hashes: one PDQ (hex).</param>
/// <param name="Matches">The bank entries it matched.</param>
/// <param name="LiveStreaming">The <c>liveStreaming</c> file annotation (always true).</param>
/// <param name="ViewedByEsp">Whether the platform viewed this content (any reveal of the incident's evidence).</param>
public sealed record ReportFile(
    string RunId,
    long FrameSequence,
    DateTimeOffset CapturedAt,
    IReadOnlyList<ReportHash> Hashes,
    IReadOnlyList<ReportBankMatch> Matches,
    bool LiveStreaming,
    bool ViewedByEsp);

/// <summary>A file hash: its type (<c>PDQ</c>) and value.</summary>
public sealed record ReportHash(string Type, string Value);

/// <summary>A bank (hash list) entry a frame matched: the list's source, the entry, the distance and orientation.</summary>
/// <param name="BankSource">The bank's name (e.g. the hash list's provider and list).</param>
/// <param name="BankOwner"><c>global</c> for an operator's list, else the tenant's own.</param>
public sealed record ReportBankMatch(long BankId, string BankSource, string BankOwner, long BankEntryId, int Distance, string Orientation, int Quality);

/// <summary>The evidence as stored: AES-256-GCM ciphertexts, each with its nonce, tag and key id (base64).</summary>
/// <param name="Encryption">The scheme, <c>AES-256-GCM</c>; the associated data is the incident id; the key is the node's evidence key <c>KeyId</c>.</param>
public sealed record ReportEvidenceBundle(string Encryption, IReadOnlyList<ReportSealedFrame> Frames);

/// <summary>One sealed evidence frame.</summary>
public sealed record ReportSealedFrame(
    Guid Id,
    string Kind,
    DateTimeOffset CapturedAt,
    double? StreamSeconds,
    string ContentType,
    string KeyId,
    string Nonce,
    string Tag,
    string Ciphertext);
