using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using LiveWatch.Tests.Common;

namespace LiveWatch.Cluster.Tests.Infrastructure;

/// <summary>
/// Many live HLS streams over HTTP on 127.0.0.1, as a platform's CDN serves them, for the price of one encode.
/// </summary>
/// <remarks>
/// ffmpeg encodes two variants of one timeline once: a plain one (testsrc2) and one showing a bank picture. Each
/// stream's live playlist is a sliding window over the 1 s segments up to "now"; splicing a stream serves the picture
/// variant for the next few seconds. Both variants share their timestamps, so a splice looks to a sampler like the
/// encoder's picture changing, not like a new stream. Fifty encoders would saturate this machine; fifty playlists
/// cost nothing, and the samplers still pull, demux and decode real HLS.
/// </remarks>
internal sealed class LiveHlsServer : IDisposable
{
    private const int Window = 6;
    private readonly HttpListener _listener = new();
    private readonly string _folder;
    private readonly int _segments;
    private readonly DateTime _startedAt = DateTime.UtcNow;
    private readonly ConcurrentDictionary<int, (int From, int To)> _splices = new();
    private readonly Task _serving;

    private LiveHlsServer(string folder, int segments)
    {
        _folder = folder;
        _segments = segments;
        Port = LoopbackPorts.Free();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>Encodes the two variants (<paramref name="seconds"/> long) into <paramref name="folder"/> and starts serving.</summary>
    public static async Task<LiveHlsServer> StartAsync(string folder, string picture, int seconds)
    {
        Directory.CreateDirectory(folder);
        string[] source = ["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=5", "-t", seconds.ToString(CultureInfo.InvariantCulture)];
        string[] encode = ["-c:v", "libx264", "-preset", "ultrafast", "-g", "5", "-keyint_min", "5", "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-f", "hls", "-hls_time", "1", "-hls_list_size", "0"];
        await EncodeAsync([.. source, .. encode, "-hls_segment_filename", Path.Combine(folder, "plain-%d.ts"), Path.Combine(folder, "plain.m3u8")]);
        await EncodeAsync([
            .. source, "-loop", "1", "-framerate", "5", "-i", picture,
            "-filter_complex", "[1:v]scale=320:180,format=yuv420p[p];[0:v][p]overlay=shortest=1",
            .. encode, "-hls_segment_filename", Path.Combine(folder, "picture-%d.ts"), Path.Combine(folder, "picture.m3u8")]);
        var segments = Directory.GetFiles(folder, "plain-*.ts").Length;
        return new LiveHlsServer(folder, segments);
    }

    /// <summary>The playlist URL of stream <paramref name="stream"/>.</summary>
    public string Url(int stream) => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/live/{stream.ToString(CultureInfo.InvariantCulture)}.m3u8";

    /// <summary>Stream <paramref name="stream"/> shows the bank picture in its next <paramref name="seconds"/> segments.</summary>
    public void Splice(int stream, int seconds)
    {
        var next = LiveEdge + 1;
        _splices[stream] = (next, next + seconds - 1);
    }

    public void Dispose()
    {
        // Close alone: on Unix, Stop then Close removes the listener twice, and the second removal binds the port again
        // to look for it, a race that once threw ArgumentNullException out of Dispose (HttpEndPointListener.ProcessAccept).
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private static async Task EncodeAsync(string[] arguments) =>
        await ProcessRunner.RunAsync("ffmpeg", ["-hide_banner", "-v", "error", "-y", .. arguments], TimeSpan.FromMinutes(3));

    /// <summary>The newest segment "published" by now (one a second); the clip is made long enough to outlast a test.</summary>
    public int LiveEdge => Math.Min(_segments - 1, Window + (int)(DateTime.UtcNow - _startedAt).TotalSeconds);

    private string Playlist(int stream)
    {
        var edge = LiveEdge;
        var first = Math.Max(0, edge - Window + 1);
        var spliced = _splices.TryGetValue(stream, out var s) ? s : (From: -1, To: -1);
        var playlist = new StringBuilder()
            .Append("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n")
            .Append(CultureInfo.InvariantCulture, $"#EXT-X-MEDIA-SEQUENCE:{first}\n");
        for (var segment = first; segment <= edge; segment++)
        {
            var variant = segment >= spliced.From && segment <= spliced.To ? "picture" : "plain";
            playlist.Append(CultureInfo.InvariantCulture, $"#EXTINF:1.000000,\n{variant}-{segment}.ts\n");
        }

        return playlist.ToString();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            var name = Path.GetFileName(context.Request.Url!.AbsolutePath);
            byte[]? body = null;
            if (name.EndsWith(".m3u8", StringComparison.Ordinal) && int.TryParse(Path.GetFileNameWithoutExtension(name), NumberStyles.None, CultureInfo.InvariantCulture, out var stream))
            {
                context.Response.ContentType = "application/vnd.apple.mpegurl";
                body = Encoding.UTF8.GetBytes(Playlist(stream));
            }
            else if (name.EndsWith(".ts", StringComparison.Ordinal) && File.Exists(Path.Combine(_folder, name)))
            {
                context.Response.ContentType = "video/mp2t";
                body = await File.ReadAllBytesAsync(Path.Combine(_folder, name));
            }

            if (body is null)
            {
                context.Response.StatusCode = 404;
            }
            else
            {
                await context.Response.OutputStream.WriteAsync(body);
            }

            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The sampler went away mid-answer (a restart, a kill): nothing to do.
        }
    }
}
