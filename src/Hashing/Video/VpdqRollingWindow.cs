using System.Globalization;

namespace LiveWatch.Hashing.Video;

/// <summary>
/// The most recent frames of a live stream, standing in for the query video of vPDQ matching: it keeps the frames
/// whose timestamp lies within the last <see cref="WindowSeconds"/> of the newest one, and at most
/// <see cref="MaxFrames"/> of them, and matches them against a known video with the same rules as
/// <see cref="VpdqMatcher"/>.
/// </summary>
/// <remarks>
/// Frames below the quality threshold are kept (they still take up stream time) but take no part in matching.
/// A window that has just started holds few frames, and one matching frame then gives a query percentage of 100;
/// <see cref="Count"/> and <see cref="CoveredSeconds"/> let the caller decide when a window is full enough to
/// alert on. Not thread-safe: feed and query one window from one stream's pipeline.
/// </remarks>
public sealed class VpdqRollingWindow
{
    private readonly Queue<VpdqFrame> _frames = new();

    /// <summary>Creates an empty window.</summary>
    /// <param name="windowSeconds">
    /// Keep frames with timestamp &gt; newest - windowSeconds. Positive; <see cref="double.PositiveInfinity"/> limits
    /// the window by frame count only.
    /// </param>
    /// <param name="maxFrames">Keep at most this many frames (at least 1).</param>
    /// <param name="matcher">The thresholds to match with (the ecosystem defaults if null).</param>
    public VpdqRollingWindow(double windowSeconds, int maxFrames = int.MaxValue, VpdqMatcher? matcher = null)
    {
        if (!(windowSeconds > 0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(windowSeconds), windowSeconds, "The window length must be a positive number of seconds (or positive infinity).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrames, 1);
        WindowSeconds = windowSeconds;
        MaxFrames = maxFrames;
        Matcher = matcher ?? VpdqMatcher.Default;
    }

    /// <summary>The window length in seconds of stream time.</summary>
    public double WindowSeconds { get; }

    /// <summary>The most frames the window keeps.</summary>
    public int MaxFrames { get; }

    /// <summary>The matcher whose thresholds the window uses.</summary>
    public VpdqMatcher Matcher { get; }

    /// <summary>Number of frames in the window (including low-quality ones).</summary>
    public int Count => _frames.Count;

    /// <summary>Seconds between the oldest and the newest frame in the window (0 with fewer than two frames).</summary>
    public double CoveredSeconds =>
        _frames.Count < 2 ? 0 : Newest!.Value.TimestampSeconds - _frames.Peek().TimestampSeconds;

    /// <summary>The most recently added frame, or null if the window is empty.</summary>
    public VpdqFrame? Newest { get; private set; }

    /// <summary>A copy of the frames in the window, oldest first.</summary>
    public VpdqFrame[] GetFrames() => [.. _frames];

    /// <summary>
    /// Adds the stream's next hashed frame and drops frames that fall out of the window.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The timestamp is negative or not finite, or earlier than the newest frame's (frames must come in stream order).
    /// </exception>
    public void Add(VpdqFrame frame)
    {
        if (!double.IsFinite(frame.TimestampSeconds) || frame.TimestampSeconds < 0)
        {
            throw new ArgumentException(
                $"A frame timestamp must be a non-negative finite number of seconds, got {frame.TimestampSeconds.ToString(CultureInfo.InvariantCulture)}.",
                nameof(frame));
        }

        if (Newest is { } newest && frame.TimestampSeconds < newest.TimestampSeconds)
        {
            throw new ArgumentException(
                $"Frames must be added in timestamp order: frame {frame.FrameNumber} at " +
                $"{frame.TimestampSeconds.ToString(CultureInfo.InvariantCulture)} s came after frame {newest.FrameNumber} at " +
                $"{newest.TimestampSeconds.ToString(CultureInfo.InvariantCulture)} s.",
                nameof(frame));
        }

        _frames.Enqueue(frame);
        Newest = frame;
        while (_frames.Count > MaxFrames)
        {
            _frames.Dequeue();
        }

        // Half-open window (newest - WindowSeconds, newest]: at one hash per second a 3-second window holds 3 frames.
        var oldestKept = frame.TimestampSeconds - WindowSeconds;
        while (_frames.Peek().TimestampSeconds <= oldestKept)
        {
            _frames.Dequeue();
        }
    }

    /// <summary>Empties the window (for example when the stream restarts).</summary>
    public void Clear()
    {
        _frames.Clear();
        Newest = null;
    }

    /// <summary>The window's frames filtered and deduplicated for matching.</summary>
    public VpdqComparableHashes Prepare() => Matcher.Prepare(_frames);

    /// <summary>
    /// Matches the window (as the query) against a known video prepared with <see cref="Matcher"/>: the query
    /// percentage says how much of the window is the known video, the compare percentage how much of the known
    /// video the window covers.
    /// </summary>
    public VpdqMatchResult Match(VpdqComparableHashes target) => Matcher.Match(Prepare(), target);
}
