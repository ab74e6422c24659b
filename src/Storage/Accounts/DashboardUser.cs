using Microsoft.AspNetCore.Identity;

namespace LiveWatch.Storage.Accounts;

/// <summary>A person who logs in to the dashboard (ASP.NET Core Identity: hashed password, lockout, security stamp).</summary>
public sealed class DashboardUser : IdentityUser
{
    /// <summary>When the account was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
