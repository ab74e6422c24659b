namespace LiveWatch.Sdk.Media;

/// <summary>How far a video hash has got: frames decoded so far and the expected total (0 when unknown).</summary>
public readonly record struct VideoHashProgress(long FramesDecoded, long TotalFramesEstimate);
