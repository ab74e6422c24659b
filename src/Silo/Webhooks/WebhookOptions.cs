namespace LiveWatch.Silo.Webhooks;

/// <summary>Webhook delivery (section <c>LiveWatch:Webhooks</c>): the dispatcher every silo runs, and the endpoint URL policy.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "LiveWatch:Webhooks";

    /// <summary>Run the dispatcher in this silo (every silo may: the outbox's leases keep one message with one sender).</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>How often an idle dispatcher looks for due messages.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one delivery attempt may take (connect, send, answer) before it counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Delay before the second attempt; doubled for each further one (with jitter) up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest delay between two attempts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a message is retried, from when it was enqueued (or re-queued), before it is dead-lettered.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Most messages one dispatcher claims at a time.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Most deliveries one dispatcher runs at once (each to a different stream or endpoint).</summary>
    public int MaxConcurrentDeliveries { get; set; } = 8;

    /// <summary>
    /// Hosts on loopback or private networks that endpoint URLs may still name (e.g. an in-house receiver, or tests on
    /// 127.0.0.1); any other such address is refused, when the endpoint is registered and again on every connect.
    /// </summary>
    public IList<string> AllowedPrivateHosts { get; } = [];

    /// <summary>Default time the previous secret keeps being signed with after a rotation.</summary>
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a claimed message stays with its dispatcher: longer than an attempt, so that only a dispatcher that
    /// died (or stalled for that long) loses it to another silo.
    /// </summary>
    public TimeSpan LeaseDuration => AttemptTimeout + TimeSpan.FromSeconds(30);
}
