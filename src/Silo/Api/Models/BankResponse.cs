namespace LiveWatch.Silo.Api.Models;

/// <summary>A bank and how many active entries it holds (never the hashes).</summary>
public sealed record BankResponse(long Id, string? TenantId, string Name, string Kind, int DistanceThreshold, bool Enabled, int EntryCount, DateTimeOffset CreatedAt);
