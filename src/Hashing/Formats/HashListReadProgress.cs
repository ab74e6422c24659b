namespace LiveWatch.Hashing.Formats;

/// <summary>How far a read has got.</summary>
/// <param name="LinesRead">Lines read so far.</param>
/// <param name="BytesRead">Bytes taken from the stream so far (includes read-ahead buffering); null when reading from a <see cref="TextReader"/>.</param>
/// <param name="TotalBytes">The stream's length when it can tell; otherwise null.</param>
public readonly record struct HashListReadProgress(long LinesRead, long? BytesRead, long? TotalBytes)
{
    /// <summary>The fraction read, 0..1, when both byte counts are known.</summary>
    public double? Fraction =>
        BytesRead is { } read && TotalBytes is { } total && total > 0 ? Math.Min(1.0, (double)read / total) : null;
}
