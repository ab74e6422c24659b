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

    /// <summary><c>LiveWatch-Event-Type</c>: the event's type (<c>incident.opened</c>, <c>stream.action</c>…), also in the body's <c>type</c>.</summary>
    public const string EventType = "LiveWatch-Event-Type";

    /// <summary>
    /// <c>LiveWatch-Timestamp</c>: when the call was signed, in unix seconds (the signature's <c>t</c>; informative, the
    /// signature is what to trust).
    /// </summary>
    public const string Timestamp = "LiveWatch-Timestamp";

    /// <summary><c>LiveWatch-Delivery-Attempt</c>: 1 for the first attempt of this event to this endpoint, then 2, 3…</summary>
    public const string DeliveryAttempt = "LiveWatch-Delivery-Attempt";
}
