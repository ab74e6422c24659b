namespace LiveWatch.Storage.Entities;

/// <summary>
/// An API key. The secret is shown once at creation and never stored: only its SHA-256 is. The prefix is the public
/// part of the token that finds the row without scanning every hash.
/// </summary>
public sealed class ApiKey
{
    /// <summary>Key id.</summary>
    public Guid Id { get; set; }

    /// <summary>Owning tenant; <c>null</c> for an operator (admin) key.</summary>
    public string? TenantId { get; set; }

    /// <summary>Human name (for example <c>ingest-eu-1</c>).</summary>
    public required string Name { get; set; }

    /// <summary>What the key may do.</summary>
    public ApiKeyRole Role { get; set; }

    /// <summary>Public lookup part of the token <c>lw_&lt;prefix&gt;_&lt;secret&gt;</c>; unique.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the secret part of the token (UTF-8).</summary>
    public required byte[] SecretHash { get; set; }

    /// <summary>When the key was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the key was revoked (UTC); a revoked key never verifies again.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
