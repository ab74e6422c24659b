namespace LiveWatch.Silo.Api.Models;

/// <summary>
/// An evidence frame kept (encrypted) with the incident; its pixels are shown only in the dashboard. <c>Match</c> is a
/// frame that matched (with its blurred thumbnail); <c>Preview</c> is a frame from the ingest worker's preview ring
/// around the matches, at stream time <c>StreamSeconds</c>.
/// </summary>
public sealed record EvidenceResponse(Guid Id, DateTimeOffset CapturedAt, string Kind, double? StreamSeconds);
