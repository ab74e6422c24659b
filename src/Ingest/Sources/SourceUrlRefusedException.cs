namespace LiveWatch.Ingest.Sources;

/// <summary>A stream source LiveWatch will not pull; the message says why (the API answers it as a 400).</summary>
public sealed class SourceUrlRefusedException : ArgumentException
{
    public SourceUrlRefusedException()
        : base("The source URL is refused.")
    {
    }

    public SourceUrlRefusedException(string message)
        : base(message)
    {
    }

    public SourceUrlRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
