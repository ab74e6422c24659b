using System.Globalization;

namespace LiveWatch.Ingest.Sampling;

/// <summary>
/// The source's bitrate over a window of stream time, from the packet list a sampler child writes (ffmpeg's framecrc
/// muxer fed by stream copy: one line per input packet with its timestamp and size). Stream time rather than wall
/// time, so that a source read faster than real time (a playlist catching up, a server's burst on connect) is
/// judged by what it encodes, not by how fast it arrives.
/// </summary>
public sealed class SourceBitrateMeter
{
    // A jump in stream time (a publisher that restarted its clock, an HLS discontinuity) starts the window afresh
    // instead of averaging across the gap. Backwards by less than this is interleaving: audio and video packets
    // arrive with their own timestamps, not in one strict order.
    private const double MaxGapSeconds = 5;
    private const double MaxBackwardsSeconds = 2;

    private readonly double _windowSeconds;
    private readonly Dictionary<int, (long Numerator, long Denominator)> _timeBases = [];
    private readonly Queue<(double Seconds, long Bytes)> _packets = new();
    private long _bytes;
    private double _latest = double.NaN;
    private double _start;

    public SourceBitrateMeter(TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _windowSeconds = window.TotalSeconds;
    }

    /// <summary>
    /// Takes one line of the packet list. Returns the bitrate (bits per second of stream time) once the packets seen
    /// since the last discontinuity span a whole window, otherwise null. Lines it does not understand are ignored:
    /// the list is ffmpeg's, and a header it adds in a later version must not stop a stream.
    /// </summary>
    public double? Observe(ReadOnlySpan<char> line)
    {
        if (line.StartsWith("#tb ", StringComparison.Ordinal))
        {
            ReadTimeBase(line[4..]);
            return null;
        }

        if (line.IsEmpty || line[0] == '#' || !TryReadPacket(line, out var stream, out var dts, out var size)
            || !_timeBases.TryGetValue(stream, out var timeBase) || timeBase.Denominator == 0)
        {
            return null;
        }

        var seconds = (double)dts * timeBase.Numerator / timeBase.Denominator;
        if (!double.IsNaN(_latest) && (seconds > _latest + MaxGapSeconds || seconds < _latest - MaxBackwardsSeconds))
        {
            _packets.Clear();
            _bytes = 0;
            _latest = double.NaN;
        }

        if (double.IsNaN(_latest))
        {
            _start = _latest = seconds;
        }

        _latest = Math.Max(_latest, seconds);
        _packets.Enqueue((seconds, size));
        _bytes += size;
        while (_packets.Count > 0 && _packets.Peek().Seconds <= _latest - _windowSeconds)
        {
            _bytes -= _packets.Dequeue().Bytes;
        }

        return _latest - _start >= _windowSeconds ? _bytes * 8 / _windowSeconds : null;
    }

    // "#tb 0: 1/1000"
    private void ReadTimeBase(ReadOnlySpan<char> text)
    {
        var colon = text.IndexOf(':');
        var slash = text.IndexOf('/');
        if (colon > 0 && slash > colon
            && int.TryParse(text[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var stream)
            && long.TryParse(text[(colon + 1)..slash].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var numerator)
            && long.TryParse(text[(slash + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var denominator))
        {
            _timeBases[stream] = (numerator, denominator);
        }
    }

    // "0,          0,        200,      100,     5495, 0x4f3824f4[, side data...]": stream, dts, pts, duration, size, crc.
    private static bool TryReadPacket(ReadOnlySpan<char> line, out int stream, out long dts, out long size)
    {
        (stream, dts, size) = (0, 0, 0);
        Span<Range> fields = stackalloc Range[6];
        if (line.Split(fields, ',') < 5)
        {
            return false;
        }

        return int.TryParse(line[fields[0]].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out stream)
               && long.TryParse(line[fields[1]].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out dts)
               && long.TryParse(line[fields[4]].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out size);
    }
}
