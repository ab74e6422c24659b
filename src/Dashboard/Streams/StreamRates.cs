using System.Collections.Concurrent;

namespace LiveWatch.Dashboard.Streams;

/// <summary>
/// Frames per second of each stream, measured between two looks at its frame counter (the streams page's visits):
/// the grain counts frames, the dashboard divides by the time between two readings.
/// </summary>
public sealed class StreamRates
{
    private readonly ConcurrentDictionary<string, (long Frames, DateTimeOffset At, double? Rate)> _last = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public StreamRates(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Records <paramref name="framesReceived"/> for the stream and returns the rate since the previous reading, if any.</summary>
    public double? Observe(string grainKey, long framesReceived)
    {
        var now = _time.GetUtcNow();
        var result = _last.AddOrUpdate(
            grainKey,
            _ => (framesReceived, now, null),
            (_, previous) =>
            {
                var seconds = (now - previous.At).TotalSeconds;
                if (seconds < 1)
                {
                    return previous;
                }

                return (framesReceived, now, Math.Max(0, framesReceived - previous.Frames) / seconds);
            });
        return result.Rate;
    }
}
