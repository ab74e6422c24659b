namespace LiveWatch.Sdk.Media;

/// <summary>Whether a media file is a still picture or a video.</summary>
public enum MediaKind
{
    /// <summary>A single still picture (JPEG, PNG, PNM, WebP, BMP, ...).</summary>
    Picture,

    /// <summary>A video with a time line (MP4, MKV, WebM, FLV, MPEG-TS, animated GIF, ...).</summary>
    Video,
}
