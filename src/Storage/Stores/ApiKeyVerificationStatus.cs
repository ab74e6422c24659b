namespace LiveWatch.Storage.Stores;

/// <summary>
/// Outcome of verifying a token. Tell the client only valid or not; the reason is for the server's logs and audit.
/// </summary>
public enum ApiKeyVerificationStatus
{
    /// <summary>The token names a live key and its secret is right.</summary>
    Valid = 0,

    /// <summary>Not of the form <c>lw_&lt;prefix&gt;_&lt;secret&gt;</c>.</summary>
    Malformed = 1,

    /// <summary>No key has that prefix.</summary>
    UnknownKey = 2,

    /// <summary>The secret does not match.</summary>
    WrongSecret = 3,

    /// <summary>The key was revoked.</summary>
    Revoked = 4,
}
