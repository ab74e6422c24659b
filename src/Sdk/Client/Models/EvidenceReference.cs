namespace LiveWatch.Sdk.Client.Models;

/// <summary>An evidence frame kept (encrypted) with an incident; its pixels are shown only in LiveWatch's dashboard.</summary>
public sealed record EvidenceReference(Guid Id, DateTimeOffset CapturedAt);
