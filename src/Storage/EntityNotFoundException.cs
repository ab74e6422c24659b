namespace LiveWatch.Storage;

/// <summary>
/// Thrown when a mutation names a row that does not exist for the caller's tenant. Another tenant's row is reported
/// exactly like a missing one, so the message never reveals what other tenants have.
/// </summary>
public sealed class EntityNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EntityNotFoundException()
        : base("Not found.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EntityNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public EntityNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
