using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace LiveWatch.Silo.Demo;

/// <summary>
/// The demo's synthetic live stream: ffmpeg's test pattern, served as RTMP on 127.0.0.1, with the demo bank's first
/// picture shown for 10 s of every <see cref="DemoOptions.PictureEvery"/> (from 10 s in). ffmpeg's RTMP server
/// mode serves one connection, and the sampler reconnects when it changes sampling, so the publisher listens again
/// whenever its ffmpeg ends, until the node stops.
/// </summary>
internal sealed partial class DemoPublisher : BackgroundService
{
    private readonly DemoOptions _options;
    private readonly ILogger<DemoPublisher> _logger;

    public DemoPublisher(IOptions<DemoOptions> options, ILogger<DemoPublisher> logger)
    {
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Where the platform (the demo seeder) finds the stream.</summary>
    public string Url => $"rtmp://127.0.0.1:{_options.RtmpPort.ToString(CultureInfo.InvariantCulture)}/live/demo";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var picture = Path.GetFullPath(_options.PicturesOrDefault()[0]);
        if (!File.Exists(picture))
        {
            LogNoPicture(picture);
            return;
        }

        var period = Math.Max(20, (int)_options.PictureEvery.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        while (!stoppingToken.IsCancellationRequested)
        {
            var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in (string[])[
                "-hide_banner", "-nostdin", "-v", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30",
                "-loop", "1", "-framerate", "30", "-i", picture,
                "-filter_complex", $"[1:v]scale=1280:720,format=yuv420p[p];[0:v][p]overlay=enable='between(mod(t,{period}),10,20)':shortest=1",
                "-c:v", "libx264", "-preset", "veryfast", "-g", "60", "-pix_fmt", "yuv420p", "-f", "flv", "-listen", "1", Url])
            {
                start.ArgumentList.Add(arg);
            }

            try
            {
                using var ffmpeg = Process.Start(start)!;
                _ = ffmpeg.StandardOutput.ReadToEndAsync(stoppingToken);
                _ = ffmpeg.StandardError.ReadToEndAsync(stoppingToken);
                try
                {
                    await ffmpeg.WaitForExitAsync(stoppingToken).ConfigureAwait(false);
                }
                finally
                {
                    if (!ffmpeg.HasExited)
                    {
                        ffmpeg.Kill(entireProcessTree: true);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                LogNoFfmpeg(e);
                return;
            }

            // A short pause, so a broken setup does not spin.
            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo: the stream's picture {Picture} is missing (run ./run.sh from the repository root); no demo stream")]
    private partial void LogNoPicture(string picture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo: ffmpeg could not be started; no demo stream")]
    private partial void LogNoFfmpeg(Exception exception);
}
