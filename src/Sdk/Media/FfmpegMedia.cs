using FFMpegCore;
using FFMpegCore.Exceptions;

namespace LiveWatch.Sdk.Media;

/// <summary>
/// What LiveWatch asks of ffmpeg for local media: probing, and the arguments that keep an ffmpeg child process
/// to local files only. Untrusted media is only ever parsed in such a child process, never in our own process.
/// </summary>
internal static class FfmpegMedia
{
    /// <summary>Local files only: no network protocols, no concat/subfile/data tricks hidden in a name.</summary>
    public const string LocalInputArguments = "-protocol_whitelist file";

    /// <summary>
    /// Decoder option that brings ffmpeg's JPEG decoding close to libjpeg-turbo's default (ISLOW integer IDCT), the
    /// decoder the reference hashes were made with. Measured on the vectors: see docs/pdq.md.
    /// </summary>
    public const string JpegLikeDecoding = "-idct int";

    /// <summary>Colour conversion closest to libjpeg's fancy (triangle) chroma upsampling, with exact rounding.</summary>
    public const string JpegLikeConversion = "-sws_flags bilinear+accurate_rnd+full_chroma_int+bitexact";

    // Pixel formats whose only colour information is grey: the reference hashes those as grey, not through RGB.
    private static readonly string[] s_greyPrefixes = ["gray", "ya8", "ya16", "monob", "monow"];

    public static async Task<IMediaAnalysis> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new MediaDecodeException(path, "no such file");
        }

        try
        {
            return await FFProbe.AnalyseAsync(path, customArguments: LocalInputArguments, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FFMpegException or FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            throw new MediaDecodeException(path, $"ffprobe could not read it ({LastLine(e.Message)})", e);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new MediaDecodeException(path, "ffprobe is not installed (install the 'ffmpeg' package)", e);
        }
    }

    public static bool IsGrey(string? pixelFormat) =>
        pixelFormat is not null && s_greyPrefixes.Any(p => pixelFormat.StartsWith(p, StringComparison.Ordinal));

    /// <summary>An ffmpeg log line without its "[png @ 0x55...] " context prefixes.</summary>
    public static string WithoutContextPrefix(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.Trim();
        while (text.StartsWith('[') && text.IndexOf("] ", StringComparison.Ordinal) is > 0 and var end)
        {
            text = text[(end + 2)..];
        }

        return text;
    }

    public static string LastLine(string? text)
    {
        var lines = (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "no output" : lines[^1];
    }
}
