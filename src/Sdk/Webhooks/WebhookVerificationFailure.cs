namespace LiveWatch.Sdk.Webhooks;

/// <summary>Why a webhook call was not accepted as LiveWatch's.</summary>
public enum WebhookVerificationFailure
{
    /// <summary>It was: the signature matched and the timestamp is recent.</summary>
    None = 0,

    /// <summary>No <c>LiveWatch-Signature</c> header (or an empty one).</summary>
    MissingHeader = 1,

    /// <summary>The header is not <c>t=&lt;unix seconds&gt;,v1=&lt;64 hex digits&gt;…</c>.</summary>
    MalformedHeader = 2,

    /// <summary>The signed timestamp is further from now than the tolerance: a replay of an old call, or a skewed clock.</summary>
    TimestampOutOfTolerance = 3,

    /// <summary>No v1 signature matches the body under any of the receiver's secrets: a forged or altered call, or the wrong secret.</summary>
    NoMatchingSignature = 4,
}
