namespace LiveWatch.Silo.Api.Authentication;

/// <summary>Names shared by the API-key scheme, its claims and the authorization policies.</summary>
public static class ApiKeyDefaults
{
    /// <summary>The authentication scheme.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>Alternative header for clients that cannot set <c>Authorization: Bearer</c>.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>Claim holding the tenant a platform key acts for.</summary>
    public const string TenantClaim = "livewatch:tenant";

    /// <summary>Claim holding the key's id (for the audit log).</summary>
    public const string KeyIdClaim = "livewatch:key";

    /// <summary>Policy: a platform key (acts on its own tenant only).</summary>
    public const string PlatformPolicy = "platform";

    /// <summary>Policy: an operator key (tenants, keys, banks).</summary>
    public const string AdminPolicy = "admin";

    /// <summary>Rate-limiter policy of the push endpoints (frames, hashes), partitioned by tenant.</summary>
    public const string PushRateLimit = "push";
}
