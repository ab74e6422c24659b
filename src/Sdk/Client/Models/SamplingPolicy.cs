namespace LiveWatch.Sdk.Client.Models;

/// <summary>How the platform should sample the stream from now on.</summary>
public sealed record SamplingPolicy(SamplingMode Mode, double FramesPerSecond);
