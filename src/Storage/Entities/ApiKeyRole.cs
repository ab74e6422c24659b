namespace LiveWatch.Storage.Entities;

/// <summary>What an API key may do.</summary>
public enum ApiKeyRole
{
    /// <summary>A platform's key: acts only on its own tenant.</summary>
    Platform = 0,

    /// <summary>An operator's key: manages tenants, global banks and keys.</summary>
    Admin = 1,
}
