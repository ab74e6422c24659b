using LiveWatch.Hashing.Pdq;

namespace LiveWatch.Contracts.Ingest;

/// <summary>
/// The pixels of one sampled frame, as produced by an ingest worker (never an encoded file: untrusted media is decoded
/// only in ffmpeg child processes). Usually a 64x64 area-averaged luma canvas (4 KB); any size is accepted.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FramePicture(
    [property: Id(0)] int Width,
    [property: Id(1)] int Height,
    [property: Id(2)] PixelFormat Format,
    [property: Id(3)] byte[] Pixels)
{
    /// <summary>The side of the canvas ingest workers send by default.</summary>
    public const int CanvasSide = 64;

    /// <summary>A 64x64 luma canvas.</summary>
    public static FramePicture Canvas(byte[] luma) => new(CanvasSide, CanvasSide, PixelFormat.Gray8, luma);
}
