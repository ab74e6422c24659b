using System.Globalization;
using LiveWatch.Grains.Evidence;
using LiveWatch.Hashing.Pdq;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace LiveWatch.Dashboard.Evidence;

/// <summary>
/// Turns a sealed evidence frame back into something a browser shows. Preview frames are JPEGs our own ffmpeg child
/// made and go out as they are (the browser decodes them, never the server); matched frames are raw pixels the grain
/// had, encoded to PNG here (ImageSharp only encodes pixels LiveWatch holds; it never decodes a file).
/// </summary>
public static class EvidenceImages
{
    /// <summary>The frame of <paramref name="evidence"/>, decrypted, as (media type, bytes).</summary>
    public static (string ContentType, byte[] Bytes) Open(Storage.Entities.Evidence evidence, EvidenceProtector protector)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(protector);
        var plain = protector.Unprotect(new ProtectedEvidence(evidence.EncryptedFrame, evidence.Nonce, evidence.Tag, evidence.KeyId), evidence.IncidentId);
        if (!evidence.ContentType.StartsWith("application/x-livewatch-raw", StringComparison.Ordinal))
        {
            return (evidence.ContentType, plain);
        }

        var parameters = evidence.ContentType.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var width = int.Parse(parameters["width"], CultureInfo.InvariantCulture);
        var height = int.Parse(parameters["height"], CultureInfo.InvariantCulture);
        var format = Enum.Parse<PixelFormat>(parameters["format"]);
        using var image = Load(plain, width, height, format);
        using var output = new MemoryStream();
        image.Save(output, new PngEncoder());
        return ("image/png", output.ToArray());
    }

    private static Image Load(byte[] pixels, int width, int height, PixelFormat format) => format switch
    {
        PixelFormat.Gray8 => Image.LoadPixelData<L8>(pixels.AsSpan(0, width * height), width, height),
        PixelFormat.Rgb24 => Image.LoadPixelData<Rgb24>(pixels.AsSpan(0, width * height * 3), width, height),
        PixelFormat.Bgr24 => Image.LoadPixelData<Bgr24>(pixels.AsSpan(0, width * height * 3), width, height),
        PixelFormat.Rgba32 => Image.LoadPixelData<Rgba32>(pixels.AsSpan(0, width * height * 4), width, height),
        PixelFormat.Bgra32 => Image.LoadPixelData<Bgra32>(pixels.AsSpan(0, width * height * 4), width, height),
        _ => throw new NotSupportedException($"Evidence pixel format {format} is not supported."),
    };
}
