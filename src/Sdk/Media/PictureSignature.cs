namespace LiveWatch.Sdk.Media;

/// <summary>
/// The pushed-picture formats LiveWatch takes, told by their first bytes: how the SDK labels a picture it sends, and
/// how the silo checks that a body is what its Content-Type says before an ffmpeg child sees it.
/// </summary>
public static class PictureSignature
{
    public const string Png = "image/png";

    public const string Jpeg = "image/jpeg";

    private static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegBytes = [0xFF, 0xD8, 0xFF];

    /// <summary><see cref="Png"/> or <see cref="Jpeg"/> by the first bytes; null for anything else.</summary>
    public static string? ContentTypeOf(ReadOnlySpan<byte> picture) =>
        picture.StartsWith(PngBytes) ? Png
        : picture.StartsWith(JpegBytes) ? Jpeg
        : null;
}
