namespace LiveWatch.Contracts.Risk;

/// <summary>
/// How an ingest worker samples one stream's frames: the decode mode and how many frames per second it hashes
/// (at most; with <see cref="SamplingMode.KeyframesOnly"/> a stream with sparse keyframes yields fewer).
/// </summary>
/// <param name="Mode">Which frames are decoded.</param>
/// <param name="FramesPerSecond">Target number of frames hashed per second of stream time; positive.</param>
[GenerateSerializer, Immutable]
public readonly record struct SamplingPolicy([property: Id(0)] SamplingMode Mode, [property: Id(1)] double FramesPerSecond)
{
    /// <inheritdoc />
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Mode} at {FramesPerSecond:0.###} fps");
}
