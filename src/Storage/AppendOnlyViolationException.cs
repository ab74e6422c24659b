namespace LiveWatch.Storage;

/// <summary>Thrown when a save would change or delete an audit entry.</summary>
public sealed class AppendOnlyViolationException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public AppendOnlyViolationException()
        : base("The audit log is append-only.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AppendOnlyViolationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public AppendOnlyViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
