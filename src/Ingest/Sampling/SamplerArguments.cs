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

        var common = Common(options);
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

    // -v error -nostats: FFMpegCore keeps every stderr line for the life of the process, so only errors may reach it.
    // -copyts: the pts the canvases carry are the source's own.
    // -max_pixels: the decoder refuses frames above the pixel budget before allocating them (the resolution cap).
    // -threads 1: hundreds of children share a few cores; one thread each is the cheapest per frame.
    private static string Common(SamplerOptions options) =>
        $"-v error -nostats -copyts -max_pixels {(long)options.MaxWidth * options.MaxHeight} {OneThread}";

    // The decoder, and both kinds of filter graph: -filter_threads covers -vf only, the canvas/preview graph is a
    // -filter_complex, which otherwise starts a worker thread per core in every child (9 threads instead of 3).
    private const string OneThread = "-threads 1 -filter_threads 1 -filter_complex_threads 1";

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

    /// <summary>Decoder options placed before -i for a mode, when one child reads and decodes.</summary>
    public static string Decoder(SamplingMode mode) =>
        // Keyframe mode: the decoder skips everything else, nothing between keyframes is decoded.
        mode == SamplingMode.KeyframesOnly ? "-skip_frame nokey" : string.Empty;

    /// <summary>
    /// Output arguments of the keyframe relay's reader, up to (not including) the relay path FFMpegCore appends: the
    /// packet list for the bitrate cap, then the first video stream copied as NUT with everything dropped but each
    /// keyframe and the <see cref="RelayPacketsAfterKeyframe"/> packets after it.
    /// </summary>
    /// <remarks>
    /// Why two children: a decoder that only sees keyframes still holds each one back by its reorder depth, counted in
    /// decoded frames (two with B-frames), i.e. two keyframe intervals. The two packets after the keyframe fill that
    /// depth, so the keyframe comes out at once; the decoder cannot be given them from inside one ffmpeg 5.1 process
    /// (bitstream filters run on outputs only). Measured in docs/ingest.md.
    /// </remarks>
    public static string RelayReaderOutputs(string packetSocketPath, string marker)
    {
        var keep = RelayPacketsAfterKeyframe.ToString(CultureInfo.InvariantCulture);
        // st(0,n) remembers the keyframe's packet number; a packet more than `keep` after it is dropped.
        return $"-map 0:v -map 0:a? -c copy -f framecrc unix:{packetSocketPath} " +
               $"-map 0:v:0 -c copy -bsf:v \"noise=drop='if(key,st(0,n)*0,gt(n-ld(0),{keep}))'\" -flush_packets 1 " +
               $"-metadata {MarkerKey}={marker} -f nut";
    }

    /// <summary>Packets the relay passes after each keyframe: the reorder depth of B-frame H.264 (x264's default 2).</summary>
    public const int RelayPacketsAfterKeyframe = 2;

    /// <summary>Arguments placed before -i of the relay's decoder: it reads our own NUT relay, never the source.</summary>
    public static string RelayDecoderInput(SamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // -probesize 32 -analyzeduration 0: the NUT header already names the codec and size; probing would wait for data.
        // -skip_loop_filter nokey: the frames after a keyframe are decoded only to fill the reorder queue and then
        // dropped, so their deblocking is wasted (about a tenth of this child's CPU; the keyframes come out bit-identical).
        return $"{Common(options)} -protocol_whitelist file,pipe " +
               "-probesize 32 -analyzeduration 0 -skip_loop_filter nokey -f nut";
    }

    /// <summary>
    /// Input options of the relay's reader on top of <see cref="Input"/>: it only copies packets, so it needs the
    /// streams, not their decoded parameters, and need not listen for 5 s (ffmpeg's default) for an audio stream that a
    /// video-only source never sends before its first sample can leave.
    /// </summary>
    public const string RelayReaderInput = "-analyzeduration 2000000";

    /// <summary>
    /// The filter graph: rate selection, split, canvas with timestamp row, preview. Behind the relay, keyframe mode also
    /// drops the relayed non-key frames.
    /// </summary>
    public static string FilterGraph(SamplingMode mode, double framesPerSecond, SamplerOptions options, bool relay)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rate = framesPerSecond.ToString("0.######", CultureInfo.InvariantCulture);

        // Keyframe mode caps the rate with select (a keyframe at most every 1/rate s, 5% slack for jittery keyframe
        // clocks); the fps filter there would duplicate frames to fill the gaps. Full decode resamples with fps.
        var interval = (0.95 / framesPerSecond).ToString("0.######", CultureInfo.InvariantCulture);
        var keyOnly = relay ? "key*" : string.Empty;
        var selection = mode == SamplingMode.KeyframesOnly
            ? $"select='{keyOnly}(isnan(prev_selected_t)+gte(t-prev_selected_t\\,{interval}))'"
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
        return $"-map 0:v -map 0:a? -c copy -f framecrc unix:{packetSocketPath} " +
               FrameOutputs(mode, framesPerSecond, previewSocketPath, marker, options, relay: false);
    }

    /// <summary>The relay decoder's outputs (the reader keeps the packet list): the same preview and canvas outputs.</summary>
    public static string RelayDecoderOutputs(double framesPerSecond, string previewSocketPath, string marker, SamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return FrameOutputs(SamplingMode.KeyframesOnly, framesPerSecond, previewSocketPath, marker, options, relay: true);
    }

    private static string FrameOutputs(SamplingMode mode, double framesPerSecond, string previewSocketPath, string marker, SamplerOptions options, bool relay) =>
        // -fps_mode passthrough is mandatory: otherwise ffmpeg duplicates frames up to the input's frame rate.
        // -threads 1 on each output: the rawvideo and mjpeg encoders are frame-threaded by default and then hand out
        // each frame only when the next one arrives, a whole keyframe interval late in keyframe mode (docs/ingest.md).
        $"-filter_complex \"{FilterGraph(mode, framesPerSecond, options, relay)}\" " +
        $"-map [preview] -fps_mode passthrough -threads 1 -c:v mjpeg -q:v {options.PreviewQuality} -f image2pipe unix:{previewSocketPath} " +
        $"-map [canvas] -fps_mode passthrough -threads 1 -f rawvideo -pix_fmt gray -metadata {MarkerKey}={marker}";
}
