namespace LiveWatch.Storage.Entities;

/// <summary>
/// A URL of a tenant's that receives its events, signed with <see cref="Secret"/> (and, during a rotation, also with
/// <see cref="PreviousSecret"/> until <see cref="PreviousSecretExpiresAt"/>).
/// </summary>
/// <remarks>
/// The secrets are kept as they are: LiveWatch needs them to sign. Like the evidence key, the moderation store is
/// to be protected as a whole (disk encryption, database access); a leaked secret is replaced with a rotation.
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

    /// <summary>The signing secret.</summary>
    public required string Secret { get; set; }

    /// <summary>The secret before the last rotation, still signed with until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; set; }

    /// <summary>When the previous secret stops being used (UTC).</summary>
    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    /// <summary>When created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the secret was last rotated (UTC).</summary>
    public DateTimeOffset? RotatedAt { get; set; }
}
