namespace LiveWatch.Ingest.Sampling;

/// <summary>
/// Reads one line of a sampler's packet list (ffmpeg's framecrc muxer: "stream, dts, pts, duration, size, crc" and
/// ", F=0x.." only when the packet's flags are anything but keyframe).
/// </summary>
public static class PacketListLine
{
    /// <summary>
    /// Whether the line is a keyframe of stream 0, the source's first video stream (the packet list maps video first).
    /// Headers, other streams and lines in an unknown shape are not.
    /// </summary>
    public static bool IsVideoKeyframe(ReadOnlySpan<char> line) =>
        line.StartsWith("0,", StringComparison.Ordinal)
        && line.Count(',') >= 5
        && !line.Contains(", F=0x", StringComparison.Ordinal);
}
