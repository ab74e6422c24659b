namespace LiveWatch.Sdk.Client.Models;

/// <summary>Which frames the platform should decode and hash; the names are the API's (sent as strings).</summary>
public enum SamplingMode
{
    /// <summary>Keyframes only.</summary>
    KeyframesOnly = 0,

    /// <summary>Any frame, so that frames can be sampled at any rate.</summary>
    FullDecode = 1,
}
