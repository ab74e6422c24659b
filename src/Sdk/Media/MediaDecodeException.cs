namespace LiveWatch.Sdk.Media;

/// <summary>A picture or video could not be read: says which file and why (including ffmpeg's own last words).</summary>
public sealed class MediaDecodeException : Exception
{
    public MediaDecodeException(string source, string reason, Exception? inner = null)
        : base($"{source}: {reason}", inner)
    {
        MediaPath = source;
        Reason = reason;
    }

    public MediaDecodeException()
        : this("(unknown)", "could not decode")
    {
    }

    public MediaDecodeException(string message)
        : this("(unknown)", message)
    {
    }

    public MediaDecodeException(string message, Exception inner)
        : this("(unknown)", message, inner)
    {
    }

    /// <summary>The file that failed.</summary>
    public string MediaPath { get; }

    /// <summary>Why it failed.</summary>
    public string Reason { get; }
}
