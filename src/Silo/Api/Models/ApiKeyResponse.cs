namespace LiveWatch.Silo.Api.Models;

/// <summary>An API key. <see cref="Token"/> is present only in the answer that created it: it is shown once.</summary>
public sealed record ApiKeyResponse(Guid Id, string? TenantId, string Name, string Role, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string? Token = null);
