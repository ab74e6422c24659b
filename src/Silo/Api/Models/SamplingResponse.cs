namespace LiveWatch.Silo.Api.Models;

/// <summary>A sampling policy: keyframes only or full decode, at most this many frames per second.</summary>
public sealed record SamplingResponse(string Mode, double FramesPerSecond);
