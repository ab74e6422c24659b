using System.Globalization;
using LiveWatch.Contracts.Risk;

namespace LiveWatch.Ingest.Sampling;

/// <summary>
/// The ffmpeg command line of one sampler child: what it may read, how it decodes, and its two outputs (canvas
/// rawvideo to a pipe, preview MJPEG to a Unix socket) made from the same filtered frame by split.
/// </summary>
public static class SamplerArguments
{
    /// <summary>The command-line key that marks our children, so FfmpegOrphans can find them after a crash.</summary>
    public const string MarkerKey = "livewatch_marker";

    /// <summary>Arguments placed before -i (global and input options).</summary>
    public static string Input(Uri source, SamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);

        // -v error -nostats: FFMpegCore keeps every stderr line for the life of the process, so only errors may reach it.
        // -copyts: the pts the canvases carry are the source's own.
        // -max_pixels: the decoder refuses frames above the pixel budget before allocating them (the resolution cap).
        // -threads 1: hundreds of children share a few cores; one thread each is the cheapest per frame.
        var pixels = (long)options.MaxWidth * options.MaxHeight;
        var common = $"-v error -nostats -copyts -max_pixels {pixels} -threads 1 -filter_threads 1";
        // ffmpeg's own socket timeout is longer than the stall watchdog's, so a silent source is reported Stalled by the
        // supervisor rather than ending as an unexplained I/O error.
        var timeoutMicroseconds = (long)SocketTimeout(options).TotalMicroseconds;
        return source.Scheme.ToUpperInvariant() switch
        {
            "RTMP" or "RTMPS" => $"{common} -protocol_whitelist rtmp,rtmps,tcp,tls -rw_timeout {timeoutMicroseconds}",
            // SRT's timeout is a URL option (see InputUrl).
            "SRT" => $"{common} -protocol_whitelist srt,udp",
            // HLS: playlists and segments over the network only; no 'file', so a playlist naming file:///etc/passwd fails.
            "HTTP" or "HTTPS" => $"{common} -protocol_whitelist http,https,tcp,tls,crypto -rw_timeout {timeoutMicroseconds}",
            "FILE" => $"{common} -protocol_whitelist file",
            _ => throw new ArgumentException($"Scheme '{source.Scheme}' is not sampled.", nameof(source)),
        };
    }

    /// <summary>The input URL ffmpeg is given: SRT gets its read timeout (microseconds) as a URL option.</summary>
    public static string InputUrl(Uri source, SamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        if (source.IsFile)
        {
            return source.LocalPath;
        }

        var url = source.OriginalString;
        if (string.Equals(source.Scheme, "srt", StringComparison.OrdinalIgnoreCase) && !source.Query.Contains("timeout=", StringComparison.OrdinalIgnoreCase))
        {
            url += (string.IsNullOrEmpty(source.Query) ? "?" : "&") + string.Create(CultureInfo.InvariantCulture, $"timeout={(long)SocketTimeout(options).TotalMicroseconds}");
        }

        return url;
    }

    /// <summary>ffmpeg's read timeout: past connecting and the stall watchdog, so the supervisor decides first.</summary>
    public static TimeSpan SocketTimeout(SamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ConnectTimeout + options.StallTimeout;
    }

    /// <summary>Decoder options placed before -i for a mode.</summary>
    public static string Decoder(SamplingMode mode) =>
        // Keyframe mode: the decoder skips everything else, nothing between keyframes is decoded.
        mode == SamplingMode.KeyframesOnly ? "-skip_frame nokey" : string.Empty;

    /// <summary>The filter graph: rate selection, split, canvas with timestamp row, preview.</summary>
    public static string FilterGraph(SamplingMode mode, double framesPerSecond, SamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rate = framesPerSecond.ToString("0.######", CultureInfo.InvariantCulture);

        // Keyframe mode caps the rate with select (a keyframe at most every 1/rate s, 5% slack for jittery keyframe
        // clocks); the fps filter there would duplicate frames to fill the gaps. Full decode resamples with fps.
        var interval = (0.95 / framesPerSecond).ToString("0.######", CultureInfo.InvariantCulture);
        var selection = mode == SamplingMode.KeyframesOnly
            ? $"select='isnan(prev_selected_t)+gte(t-prev_selected_t\\,{interval})'"
            : $"fps={rate}";
        var canvas = $"scale={CanvasTimestamp.Side}:{CanvasTimestamp.Side}:flags=area,format=gray,{CanvasTimestamp.Filter}";
        var preview = $"scale=w='min({options.PreviewWidth}\\,iw)':h=-2:flags=bilinear,format=yuvj420p";
        return $"[0:v:0]{selection},split=2[c][p];[c]{canvas}[canvas];[p]{preview}[preview]";
    }

    /// <summary>
    /// Output arguments up to (not including) the canvas pipe URL that FFMpegCore appends: first the packet list (for
    /// the bitrate cap) and the preview output to their Unix sockets, then the canvas output's options.
    /// </summary>
    public static string Outputs(SamplingMode mode, double framesPerSecond, string packetSocketPath, string previewSocketPath, string marker, SamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The packet list: every video and audio packet copied (not decoded) to framecrc, one short line each with its
        // timestamp and size; keyframe-only decoding does not thin it, so it measures what the source really sends.
        // -fps_mode passthrough is mandatory: otherwise ffmpeg duplicates frames up to the input's frame rate.
        return $"-map 0:v -map 0:a? -c copy -f framecrc unix:{packetSocketPath} " +
               $"-filter_complex \"{FilterGraph(mode, framesPerSecond, options)}\" " +
               $"-map [preview] -fps_mode passthrough -c:v mjpeg -q:v {options.PreviewQuality} -f image2pipe unix:{previewSocketPath} " +
               $"-map [canvas] -fps_mode passthrough -f rawvideo -pix_fmt gray -metadata {MarkerKey}={marker}";
    }
}
