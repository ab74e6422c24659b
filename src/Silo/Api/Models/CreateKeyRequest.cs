namespace LiveWatch.Silo.Api.Models;

/// <summary>A platform API key to create.</summary>
/// <param name="Name">What the key is for (e.g. <c>ingest-eu</c>).</param>
public sealed record CreateKeyRequest(string Name);
