namespace LiveWatch.Storage.Entities;

/// <summary>A platform that uses LiveWatch. Every tenant-owned row carries its <see cref="Id"/>.</summary>
public sealed class Tenant
{
    /// <summary>Longest accepted slug.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Slug: lowercase letters, digits and inner hyphens (for example <c>acme-live</c>).</summary>
    public required string Id { get; set; }

    /// <summary>Display name.</summary>
    public required string Name { get; set; }

    /// <summary>When the tenant was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
