namespace LiveWatch.Sdk.Client.Models;

/// <summary>
/// An evidence frame kept (encrypted) with an incident; its pixels are shown only in LiveWatch's dashboard.
/// </summary>
/// <param name="Id">The evidence id.</param>
/// <param name="CapturedAt">When the frame was sampled.</param>
/// <param name="Kind">A frame that matched, or a preview frame from around the matches (pulled streams).</param>
/// <param name="StreamSeconds">Stream time of a preview frame.</param>
public sealed record EvidenceReference(Guid Id, DateTimeOffset CapturedAt, EvidenceKind Kind = EvidenceKind.Match, double? StreamSeconds = null);
