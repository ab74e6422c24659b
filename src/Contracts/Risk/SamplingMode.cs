namespace LiveWatch.Contracts.Risk;

/// <summary>Which frames an ingest worker decodes and hashes for a stream.</summary>
public enum SamplingMode
{
    /// <summary>Only keyframes are decoded: cheap, since nothing between keyframes needs decoding.</summary>
    KeyframesOnly = 0,

    /// <summary>Every frame is decoded so that frames can be sampled at any rate, keyframes or not.</summary>
    FullDecode = 1,
}
