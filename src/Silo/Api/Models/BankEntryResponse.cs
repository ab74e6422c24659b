namespace LiveWatch.Silo.Api.Models;

/// <summary>A bank entry just added (the hash is echoed only to the admin who sent it).</summary>
public sealed record BankEntryResponse(long Id, long BankId, string? ExternalId, string? Label, DateTimeOffset AddedAt);
