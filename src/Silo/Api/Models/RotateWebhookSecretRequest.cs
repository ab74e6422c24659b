namespace LiveWatch.Silo.Api.Models;

/// <summary>A secret rotation.</summary>
/// <param name="PreviousSecretValidForSeconds">
/// How long calls stay signed with the old secret too (both signatures in the header), so receivers can switch without
/// refusing calls: 0 drops it at once (a leaked secret); default <c>LiveWatch:Webhooks:RotationOverlap</c> (24 h); at most 30 days.
/// </param>
public sealed record RotateWebhookSecretRequest(int? PreviousSecretValidForSeconds = null);
