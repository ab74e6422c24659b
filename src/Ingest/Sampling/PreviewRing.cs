namespace LiveWatch.Ingest.Sampling;

/// <summary>
/// The last <see cref="SamplerOptions.PreviewWindow"/> of preview frames of one stream, by stream time, so a match
/// can be evidenced with the pictures around it. Thread-safe: ffmpeg's reader adds while grains ask.
/// </summary>
public sealed class PreviewRing
{
    private readonly Lock _gate = new();
    private readonly LinkedList<PreviewFrame> _frames = new();
    private readonly double _windowSeconds;

    public PreviewRing(TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _windowSeconds = window.TotalSeconds;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _frames.Count;
            }
        }
    }

    public void Add(PreviewFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        lock (_gate)
        {
            // A restarted publisher may start its clock again: older frames are then from another timeline, and dropping
            // them keeps Between() unambiguous.
            if (_frames.Last is { } last && frame.StreamSeconds < last.Value.StreamSeconds - _windowSeconds)
            {
                _frames.Clear();
            }

            _frames.AddLast(frame);
            while (_frames.First is { } first && first.Value.StreamSeconds < frame.StreamSeconds - _windowSeconds)
            {
                _frames.RemoveFirst();
            }
        }
    }

    /// <summary>The frames whose stream time lies in [from, to], in order.</summary>
    public IReadOnlyList<PreviewFrame> Between(double fromStreamSeconds, double toStreamSeconds)
    {
        lock (_gate)
        {
            return _frames.Where(f => f.StreamSeconds >= fromStreamSeconds && f.StreamSeconds <= toStreamSeconds).ToList();
        }
    }
}
