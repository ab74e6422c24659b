namespace LiveWatch.Silo.Api.Models;

/// <summary>An evidence frame kept (encrypted) with the incident; its pixels are shown only in the dashboard.</summary>
public sealed record EvidenceResponse(Guid Id, DateTimeOffset CapturedAt);
