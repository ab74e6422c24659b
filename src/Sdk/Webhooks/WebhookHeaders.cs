namespace LiveWatch.Sdk.Webhooks;

/// <summary>The headers LiveWatch sends with every webhook call.</summary>
public static class WebhookHeaders
{
    /// <summary>
    /// <c>LiveWatch-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;[,v1=…]</c>: see <see cref="WebhookVerifier"/>.
    /// </summary>
    public const string Signature = "LiveWatch-Signature";

    /// <summary>
    /// <c>LiveWatch-Event-Id</c>: the event's id, the same on every delivery attempt of it. Webhooks are delivered at
    /// least once, so a receiver keeps the ids it has handled and ignores a repeat.
    /// </summary>
    public const string EventId = "LiveWatch-Event-Id";
}
