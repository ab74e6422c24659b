using System.Diagnostics;
using System.Globalization;

namespace LiveWatch.LoadTest;

/// <summary>
/// One synthetic live stream: an ffmpeg child that serves a pre-encoded clip as RTMP on 127.0.0.1 (listen mode), paced
/// in real time (<c>-re</c>) and looped. Copying instead of encoding keeps each publisher cheap, so the machine's cores
/// go to what is measured. <see cref="StartedAt"/> is when ffmpeg began pacing (its "Press [q]" line, printed as the
/// transcoding loop starts after a client connected), so a frame of stream time t was "captured" at StartedAt + t.
/// </summary>
public sealed class LivePublisher : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<DateTimeOffset> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LivePublisher(Process process, string url)
    {
        _process = process;
        Url = url;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Press [q]", StringComparison.Ordinal) == true)
            {
                _started.TrySetResult(DateTimeOffset.UtcNow);
            }
        };
        _process.BeginErrorReadLine();
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
    }

    /// <summary>The URL a sampler pulls.</summary>
    public string Url { get; }

    /// <summary>The process id (its CPU is reported apart from LiveWatch's).</summary>
    public int ProcessId => _process.Id;

    /// <summary>When pacing started, once a client connected; null before.</summary>
    public DateTimeOffset? StartedAt => _started.Task.IsCompletedSuccessfully ? _started.Task.Result : null;

    public bool HasExited => _process.HasExited;

    public static LivePublisher Start(string clip, int port, string name)
    {
        var url = $"rtmp://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/live/{name}";
        var start = new ProcessStartInfo("ffmpeg",
            ["-hide_banner", "-nostats", "-v", "info", "-re", "-stream_loop", "-1", "-i", clip, "-map", "0:v:0", "-c", "copy", "-f", "flv", "-listen", "1", url])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        return new LivePublisher(Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start"), url);
    }

    /// <summary>Encodes the clip every publisher serves: 720p30 H.264 with a keyframe every 2 s, noisy enough not to compress to nothing.</summary>
    public static string EnsureClip(string directory, int seconds)
    {
        var clip = Path.Combine(directory, $"clip-720p30-gop60-{seconds}s.mp4");
        if (File.Exists(clip))
        {
            return clip;
        }

        var encode = Process.Start(new ProcessStartInfo("ffmpeg",
        [
            "-hide_banner", "-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=size=1280x720:rate=30,noise=alls=12:allf=t+u",
            "-t", seconds.ToString(CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", "veryfast", "-b:v", "3M", "-maxrate", "3M",
            "-bufsize", "6M", "-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-pix_fmt", "yuv420p", clip,
        ]) { UseShellExecute = false }) ?? throw new InvalidOperationException("ffmpeg did not start");
        encode.WaitForExit();
        return encode.ExitCode == 0 ? clip : throw new InvalidOperationException($"encoding the clip failed (ffmpeg exit {encode.ExitCode})");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }
}
