namespace LiveWatch.Silo.Api;

/// <summary>A body of a media type the endpoint does not take (HTTP 415).</summary>
public sealed class UnsupportedContentTypeException : Exception
{
    public UnsupportedContentTypeException()
        : base("The content type is not accepted.")
    {
    }

    public UnsupportedContentTypeException(string message)
        : base(message)
    {
    }

    public UnsupportedContentTypeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
