using System.Security.Claims;

namespace LiveWatch.Silo.Api.Authentication;

/// <summary>What an authenticated API key may act on.</summary>
public static class ApiPrincipalExtensions
{
    /// <summary>The tenant of a platform key; the platform policy guarantees there is one.</summary>
    public static string TenantId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(ApiKeyDefaults.TenantClaim)
            ?? throw new InvalidOperationException("The caller is not a platform key; the endpoint must require the platform policy.");
    }

    /// <summary>Who acted, for the audit log: <c>apikey:&lt;prefix&gt;</c>.</summary>
    public static string Actor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "apikey:unknown";
    }
}
