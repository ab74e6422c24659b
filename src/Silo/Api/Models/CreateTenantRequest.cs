namespace LiveWatch.Silo.Api.Models;

/// <summary>A platform to onboard.</summary>
/// <param name="Id">Slug: lowercase letters, digits and inner hyphens (e.g. <c>acme-live</c>).</param>
/// <param name="Name">Display name.</param>
public sealed record CreateTenantRequest(string Id, string Name);
