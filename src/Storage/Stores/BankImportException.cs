namespace LiveWatch.Storage.Stores;

/// <summary>Thrown when an import is refused; nothing of it was stored.</summary>
public sealed class BankImportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BankImportException()
        : base("The import was refused; nothing was stored.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BankImportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public BankImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Zero-based index of the offending entry in the import, when known.</summary>
    public int? EntryIndex { get; init; }
}
