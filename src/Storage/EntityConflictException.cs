namespace LiveWatch.Storage;

/// <summary>Thrown when a change contradicts what is stored: a name already taken, a closed incident reopened.</summary>
public sealed class EntityConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EntityConflictException()
        : base("Conflict.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EntityConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public EntityConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
