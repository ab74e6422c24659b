using System.Globalization;

namespace LiveWatch.LoadTest;

/// <summary>Nearest-rank percentiles of a set of latencies in milliseconds.</summary>
public sealed class Percentiles
{
    private readonly double[] _sorted;

    public Percentiles(IEnumerable<double> milliseconds)
    {
        _sorted = milliseconds.Order().ToArray();
    }

    public int Count => _sorted.Length;

    public double At(double percentile)
    {
        if (_sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n={Count} p50={At(50):F2} ms p95={At(95):F2} ms p99={At(99):F2} ms max={Max:F2} ms");
}
