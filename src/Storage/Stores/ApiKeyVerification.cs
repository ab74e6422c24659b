namespace LiveWatch.Storage.Stores;

/// <summary>Result of <see cref="ApiKeyStore.VerifyAsync"/>.</summary>
/// <param name="Status">Outcome.</param>
/// <param name="Key">The key when <see cref="Status"/> is valid, wrong secret or revoked.</param>
public sealed record ApiKeyVerification(ApiKeyVerificationStatus Status, ApiKeyInfo? Key)
{
    /// <summary>Whether the token may be used.</summary>
    public bool IsValid => Status == ApiKeyVerificationStatus.Valid;
}
