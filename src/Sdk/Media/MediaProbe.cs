namespace LiveWatch.Sdk.Media;

/// <summary>Tells pictures from videos by asking ffprobe (in a child process) what the container is.</summary>
public static class MediaProbe
{
    /// <exception cref="MediaDecodeException">The file is missing, has no picture or video, or ffprobe cannot read it.</exception>
    public static async Task<MediaKind> GetKindAsync(string path, CancellationToken cancellationToken = default)
    {
        var analysis = await FfmpegMedia.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        if (analysis.PrimaryVideoStream is null)
        {
            throw new MediaDecodeException(path, "no picture or video stream found");
        }

        // ffmpeg reads single pictures through the image2 demuxer or one of the *_pipe image demuxers; a GIF is a
        // picture unless it is animated.
        var container = analysis.Format.FormatName ?? string.Empty;
        if (container == "image2" || container.EndsWith("_pipe", StringComparison.Ordinal))
        {
            return MediaKind.Picture;
        }

        return container == "gif" && analysis.Duration <= TimeSpan.FromMilliseconds(100) ? MediaKind.Picture : MediaKind.Video;
    }
}
