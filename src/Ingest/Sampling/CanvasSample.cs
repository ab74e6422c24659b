namespace LiveWatch.Ingest.Sampling;

/// <summary>One sampled frame as a 64x64 area-averaged luma canvas, ready for PDQ.</summary>
/// <param name="Sequence">Monotonic within a supervisor, across restarts of its ffmpeg child.</param>
/// <param name="StreamSeconds">The frame's presentation time in the source's own clock (ffmpeg -copyts).</param>
/// <param name="CapturedAt">Wall clock when the worker received the sample.</param>
/// <param name="Luma">64 x 64 bytes, row by row.</param>
public sealed record CanvasSample(long Sequence, double StreamSeconds, DateTimeOffset CapturedAt, byte[] Luma);
