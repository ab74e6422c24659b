namespace LiveWatch.Storage;

/// <summary>Thrown when an update names a version that is no longer current: reload and decide again.</summary>
public sealed class ConcurrencyConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException()
        : base("The row changed since it was read.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ConcurrencyConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ConcurrencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The version the caller expected.</summary>
    public long ExpectedVersion { get; init; }

    /// <summary>The version stored now, when known.</summary>
    public long? CurrentVersion { get; init; }
}
