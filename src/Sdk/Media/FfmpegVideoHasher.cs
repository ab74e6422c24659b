using System.Globalization;
using FFMpegCore;
using FFMpegCore.Exceptions;
using LiveWatch.Hashing.Pdq;
using LiveWatch.Hashing.Video;

namespace LiveWatch.Sdk.Media;

/// <summary>
/// vPDQ hashing of a video file as the reference <c>vpdq-hash-video</c> does it: decoded frame n is hashed at native
/// size iff <c>n % max(1, (int)(secondsPerHash * fps)) == 0</c>, fps being the stream's average frame rate. The frame
/// selection runs inside ffmpeg (select filter), so unselected frames never cross the pipe.
/// </summary>
public static class FfmpegVideoHasher
{
    /// <exception cref="MediaDecodeException">The file is missing, has no video, or ffmpeg failed.</exception>
    public static async Task<IReadOnlyList<VpdqFrame>> HashAsync(
        string path,
        double secondsPerHash,
        IProgress<VideoHashProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(secondsPerHash);
        var analysis = await FfmpegMedia.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        var stream = analysis.PrimaryVideoStream ?? throw new MediaDecodeException(path, "no video stream found");
        var width = stream.Width ?? 0;
        var height = stream.Height ?? 0;
        var fps = stream.AverageFrameRate;
        if (width <= 0 || height <= 0)
        {
            throw new MediaDecodeException(path, $"video has no usable size ({width}x{height})");
        }

        if (!double.IsFinite(fps) || fps <= 0)
        {
            throw new MediaDecodeException(path, "video has no average frame rate");
        }

        if ((long)width * height > FfmpegPictureDecoder.MaxPixels)
        {
            throw new MediaDecodeException(path, $"video is {width}x{height}, larger than the {FfmpegPictureDecoder.MaxPixels} pixel limit");
        }

        var interval = VpdqFrameSelection.FrameInterval(fps, secondsPerHash);
        var totalEstimate = (long)Math.Round(analysis.Duration.TotalSeconds * fps);
        var frameBytes = width * height * 3;
        var frames = new List<VpdqFrame>();

        async Task ReadFramesAsync(Stream output, CancellationToken token)
        {
            var buffer = new byte[frameBytes];
            long selected = 0;
            while (true)
            {
                var read = await output.ReadAtLeastAsync(buffer, frameBytes, throwOnEndOfStream: false, token).ConfigureAwait(false);
                if (read < frameBytes)
                {
                    break;
                }

                var frameNumber = selected * interval;
                var hash = PdqHasher.Compute(buffer, width, height, PixelFormat.Rgb24);
                frames.Add(new VpdqFrame(checked((int)frameNumber), hash.Quality, hash.Hash, frameNumber / fps));
                selected++;
                progress?.Report(new VideoHashProgress(frameNumber + 1, totalEstimate));
            }
        }

        try
        {
            var select = interval == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"-vf select=not(mod(n\\,{interval})) ");
            await FFMpegArguments
                .FromFileInput(path, verifyExists: true, options => options.WithCustomArgument($"{FfmpegMedia.LocalInputArguments} -noautorotate"))
                .OutputTo(new FfmpegSocketOutput(ReadFramesAsync, cancellationToken: cancellationToken), options => options
                    .ForceFormat("rawvideo")
                    .WithCustomArgument($"-map 0:v:0 {select}-fps_mode passthrough -pix_fmt rgb24"))
                .ProcessAsynchronously(throwOnError: true, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (FFMpegException e)
        {
            throw new MediaDecodeException(path, $"ffmpeg could not decode it ({FfmpegMedia.LastLine(e.Message)})", e);
        }

        return frames;
    }
}
