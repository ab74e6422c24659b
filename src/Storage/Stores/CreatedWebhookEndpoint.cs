using LiveWatch.Storage.Entities;

namespace LiveWatch.Storage.Stores;

/// <summary>A new endpoint and its secret (shown to the tenant once, by the call that created or rotated it).</summary>
public sealed record CreatedWebhookEndpoint(WebhookEndpoint Endpoint, string Secret);
