namespace LiveWatch.Silo.Api.Models;

/// <summary>A webhook endpoint. <c>Secret</c> is set only in the answer that created it or rotated its secret.</summary>
public sealed record WebhookEndpointResponse(
    Guid Id,
    string Url,
    string? Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RotatedAt,
    DateTimeOffset? PreviousSecretExpiresAt,
    string? Secret = null);
