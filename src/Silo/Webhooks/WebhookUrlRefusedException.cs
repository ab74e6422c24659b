namespace LiveWatch.Silo.Webhooks;

/// <summary>A webhook endpoint URL the policy refuses, with the reason (the API answers 400 with it).</summary>
public sealed class WebhookUrlRefusedException : ArgumentException
{
    public WebhookUrlRefusedException()
    {
    }

    public WebhookUrlRefusedException(string message)
        : base(message)
    {
    }

    public WebhookUrlRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
