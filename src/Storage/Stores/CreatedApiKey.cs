namespace LiveWatch.Storage.Stores;

/// <summary>A new key and its token. The token is shown this once: only its secret's hash is stored.</summary>
/// <param name="Key">The key.</param>
/// <param name="Token">The bearer token, <c>lw_&lt;prefix&gt;_&lt;secret&gt;</c>.</param>
public sealed record CreatedApiKey(ApiKeyInfo Key, string Token)
{
    /// <summary>Keeps the token out of logs that print the record.</summary>
    public override string ToString() => $"CreatedApiKey {{ Key = {Key}, Token = lw_{Key.Prefix}_… }}";
}
