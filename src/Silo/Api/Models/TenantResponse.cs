namespace LiveWatch.Silo.Api.Models;

/// <summary>A platform.</summary>
public sealed record TenantResponse(string Id, string Name, DateTimeOffset CreatedAt);
