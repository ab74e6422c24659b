using LiveWatch.Storage.Entities;

namespace LiveWatch.Storage.Stores;

/// <summary>An API key without its secret hash.</summary>
/// <param name="Id">Key id.</param>
/// <param name="TenantId">Owning tenant; null for an operator key.</param>
/// <param name="Name">Name.</param>
/// <param name="Role">Role.</param>
/// <param name="Prefix">Public lookup part of the token.</param>
/// <param name="CreatedAt">When created.</param>
/// <param name="RevokedAt">When revoked.</param>
public sealed record ApiKeyInfo(Guid Id, string? TenantId, string Name, ApiKeyRole Role, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    internal static ApiKeyInfo From(ApiKey key) => new(key.Id, key.TenantId, key.Name, key.Role, key.Prefix, key.CreatedAt, key.RevokedAt);
}
