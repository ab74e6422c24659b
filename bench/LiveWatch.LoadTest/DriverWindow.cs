using System.Globalization;

namespace LiveWatch.LoadTest;

/// <summary>What the streams did in one measuring window: completions per second, and latency of batches sent in it.</summary>
public sealed record DriverWindow(double Seconds, long Frames, long Batches, long Matched, Percentiles Latency)
{
    public double FramesPerSecond => Frames / Seconds;

    public double BatchesPerSecond => Batches / Seconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{FramesPerSecond:F0} frames/s, {BatchesPerSecond:F0} batches/s over {Seconds:F1} s ({Frames:N0} frames, {Matched} matched); batch latency {Latency}");
}
