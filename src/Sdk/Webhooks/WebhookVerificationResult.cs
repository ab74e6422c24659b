namespace LiveWatch.Sdk.Webhooks;

/// <summary>What <see cref="WebhookVerifier.Verify"/> found: valid, or the failure and a reason to log.</summary>
/// <param name="Failure"><see cref="WebhookVerificationFailure.None"/> when the call is LiveWatch's.</param>
/// <param name="Reason">Why (for logs; never echo it to the caller, who may be probing).</param>
/// <param name="Timestamp">The signed timestamp, when the header had a readable one.</param>
public sealed record WebhookVerificationResult(WebhookVerificationFailure Failure, string Reason, DateTimeOffset? Timestamp)
{
    /// <summary>Whether the call is LiveWatch's and recent.</summary>
    public bool IsValid => Failure == WebhookVerificationFailure.None;
}
