namespace LiveWatch.Sdk.Client.Models;

/// <summary>How much a stream is suspected of showing known material; the names are the API's (sent as strings).</summary>
public enum RiskLevel
{
    /// <summary>Nothing recent.</summary>
    Clear = 0,

    /// <summary>A recent match, not yet confirmed: sample faster.</summary>
    Watch = 1,

    /// <summary>Confirmed enough to involve people: an incident is open.</summary>
    Alert = 2,

    /// <summary>Sustained, strong matching.</summary>
    Critical = 3,
}
