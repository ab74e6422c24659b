namespace LiveWatch.Sdk.Media;

/// <summary>One sampled frame as ingest hashes it: a 64x64 area-averaged luma canvas (4 KB) at a point of the video.</summary>
/// <param name="Index">Position among the sampled frames (0, 1, 2, ...).</param>
/// <param name="StreamSeconds">Presentation time of the frame, seconds from the start.</param>
/// <param name="Luma">64 x 64 grey values, row-major.</param>
public sealed record CanvasFrame(long Index, double StreamSeconds, byte[] Luma);
