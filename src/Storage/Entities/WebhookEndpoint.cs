namespace LiveWatch.Storage.Entities;

/// <summary>
/// A URL of a tenant's that receives its events, signed with <see cref="Secret"/> (and, during a rotation, also with
/// <see cref="PreviousSecret"/> until <see cref="PreviousSecretExpiresAt"/>).
/// </summary>
/// <remarks>
/// Both secrets are stored sealed (<see cref="Secrets.WebhookSecretProtector"/>, a <c>sealed:v1:</c> prefix): LiveWatch
/// needs them to sign, so they are encrypted rather than hashed. Rows written before sealing hold them plain until the
/// start-up pass or the next rotation seals them. A leaked secret is replaced with a rotation.
/// </remarks>
public sealed class WebhookEndpoint
{
    /// <summary>Longest accepted URL.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>Longest accepted description.</summary>
    public const int MaxDescriptionLength = 200;

    /// <summary>Longest secret.</summary>
    public const int MaxSecretLength = 200;

    /// <summary>Endpoint id.</summary>
    public Guid Id { get; set; }

    /// <summary>Owning tenant.</summary>
    public required string TenantId { get; set; }

    /// <summary>Where events are POSTed (http or https).</summary>
    public required string Url { get; set; }

    /// <summary>What the tenant calls it.</summary>
    public string? Description { get; set; }

    /// <summary>The signing secret, sealed.</summary>
    public required string Secret { get; set; }

    /// <summary>The secret before the last rotation, sealed, still signed with until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; set; }

    /// <summary>When the previous secret stops being used (UTC).</summary>
    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    /// <summary>When created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the secret was last rotated (UTC).</summary>
    public DateTimeOffset? RotatedAt { get; set; }
}
