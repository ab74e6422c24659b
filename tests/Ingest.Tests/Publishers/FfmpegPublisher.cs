using System.Diagnostics;

namespace LiveWatch.Ingest.Tests.Publishers;

/// <summary>
/// A real ffmpeg process publishing benign test pictures (lavfi testsrc2 and the like) on 127.0.0.1 for the sampler
/// to pull. Disposing kills it.
/// </summary>
internal sealed class FfmpegPublisher : IDisposable
{
    private readonly Process _process;

    private FfmpegPublisher(string arguments, string fileName = "ffmpeg", string? commandLine = null)
    {
        Arguments = arguments;
        _process = Process.Start(new ProcessStartInfo(fileName, commandLine ?? arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("ffmpeg did not start");
    }

    public string Arguments { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The H.264 encoding every publisher uses: small, fast, keyframe every <paramref name="gop"/> frames.</summary>
    public static string H264(int gop = 30) => $"-c:v libx264 -preset ultrafast -tune zerolatency -g {gop} -pix_fmt yuv420p";

    /// <summary>An RTMP server (ffmpeg -listen 1) that streams to the first client that connects.</summary>
    public static FfmpegPublisher Rtmp(int port, string size = "320x180", int seconds = 30, string source = "testsrc2", int gop = 30) =>
        new($"-hide_banner -v error -re -f lavfi -i {source}=size={size}:rate=30 -t {seconds} {H264(gop)} -f flv -listen 1 rtmp://127.0.0.1:{port}/live/test");

    /// <summary>An SRT listener that streams MPEG-TS to the first caller.</summary>
    public static FfmpegPublisher Srt(int port, int seconds = 30) =>
        new($"-hide_banner -v error -re -f lavfi -i testsrc2=size=320x180:rate=30 -t {seconds} {H264()} -f mpegts srt://127.0.0.1:{port}?mode=listener");

    /// <summary>Any ffmpeg command (e.g. writing HLS segments into a folder).</summary>
    public static FfmpegPublisher Run(string arguments) => new(arguments);

    /// <summary>
    /// Like <see cref="Run"/>, but listens again after each connection ends (up to <paramref name="times"/> runs, each
    /// starting its clock over): ffmpeg's RTMP and SRT server modes serve one connection, and a sampler reconnects when
    /// it changes sampling mode, as real ingest servers allow.
    /// </summary>
    public static FfmpegPublisher Relistening(string arguments, int times = 5) =>
        new(arguments, "bash", $"-c \"for _ in $(seq {times}); do ffmpeg {arguments.Replace("\"", "\\\"", StringComparison.Ordinal)} || true; done\"");

    /// <summary>Runs ffmpeg to completion (making test media); throws if it fails.</summary>
    public static async Task MakeAsync(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("ffmpeg", $"-hide_banner -v error -y {arguments}") { UseShellExecute = false })
            ?? throw new InvalidOperationException("ffmpeg did not start");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {arguments} exited with {process.ExitCode}");
        }
    }

    /// <summary>Freezes the publisher (SIGSTOP): its connection stays open but sends nothing.</summary>
    public void Freeze() => Signal("STOP");

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                Signal("CONT");
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {_process.Id}") { UseShellExecute = false });
        kill?.WaitForExit();
    }
}
