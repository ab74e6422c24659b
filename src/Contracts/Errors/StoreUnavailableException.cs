namespace LiveWatch.Contracts.Errors;

/// <summary>
/// A grain could not reach a store it needs (the cluster's Redis, or the moderation store) and did nothing it would
/// have to undo: the same call again, with the same run and sequences, is safe. Silos throw this instead of the store
/// client's own exception because callers outside the silo (ingest workers, a stand-alone dashboard) do not carry
/// those client libraries: an exception they cannot deserialize would lose the answer, and the caller would wait for
/// its call's timeout instead of retrying at once.
/// </summary>
[GenerateSerializer]
public sealed class StoreUnavailableException : OrleansException
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StoreUnavailableException(StoreKind store, string message)
        : base(message) => Store = store;

    /// <summary>Which store failed.</summary>
    [Id(0)]
    public StoreKind Store { get; private set; }
}
