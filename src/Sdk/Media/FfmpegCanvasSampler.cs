using System.Globalization;
using FFMpegCore;
using FFMpegCore.Exceptions;

namespace LiveWatch.Sdk.Media;

/// <summary>
/// Samples a video file at a fixed rate into 64x64 area-averaged luma canvases, the input ingest workers send to the
/// stream grains (the averaging happens in the ffmpeg child process, so only 4 KB per frame crosses the pipe).
/// </summary>
public static class FfmpegCanvasSampler
{
    /// <summary>The canvas side in pixels.</summary>
    public const int Side = 64;

    /// <summary>The ffmpeg filter chain that makes a canvas from any frame.</summary>
    public const string CanvasFilter = "scale=64:64:flags=area,format=gray";

    /// <summary>Calls <paramref name="onFrame"/> for each sampled canvas, in order; returns the number of frames.</summary>
    /// <exception cref="MediaDecodeException">The file is missing, has no video, or ffmpeg failed.</exception>
    public static async Task<long> SampleAsync(
        string path,
        double framesPerSecond,
        Func<CanvasFrame, CancellationToken, ValueTask> onFrame,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onFrame);
        if (!double.IsFinite(framesPerSecond) || framesPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(framesPerSecond), framesPerSecond, "The sampling rate must be a positive number of frames per second.");
        }

        var analysis = await FfmpegMedia.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        if (analysis.PrimaryVideoStream is null)
        {
            throw new MediaDecodeException(path, "no video stream found");
        }

        long count = 0;
        async Task ReadAsync(Stream output, CancellationToken token)
        {
            while (true)
            {
                var luma = new byte[Side * Side];
                var read = await output.ReadAtLeastAsync(luma, luma.Length, throwOnEndOfStream: false, token).ConfigureAwait(false);
                if (read < luma.Length)
                {
                    break;
                }

                // The fps filter emits frame k at time k / rate from the start.
                await onFrame(new CanvasFrame(count, count / framesPerSecond, luma), token).ConfigureAwait(false);
                count++;
            }
        }

        try
        {
            var rate = framesPerSecond.ToString("0.######", CultureInfo.InvariantCulture);
            await FFMpegArguments
                .FromFileInput(path, verifyExists: true, options => options.WithCustomArgument($"{FfmpegMedia.LocalInputArguments} -noautorotate"))
                .OutputTo(new FfmpegSocketOutput(ReadAsync, cancellationToken: cancellationToken), options => options
                    .ForceFormat("rawvideo")
                    .WithCustomArgument($"-map 0:v:0 -vf fps={rate},{CanvasFilter} -pix_fmt gray"))
                .ProcessAsynchronously(throwOnError: true, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (FFMpegException e)
        {
            throw new MediaDecodeException(path, $"ffmpeg could not decode it ({FfmpegMedia.LastLine(e.Message)})", e);
        }

        return count;
    }
}
