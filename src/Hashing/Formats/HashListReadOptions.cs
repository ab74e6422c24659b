namespace LiveWatch.Hashing.Formats;

/// <summary>How to read a hash list.</summary>
public sealed record HashListReadOptions
{
    /// <summary>Auto-detected format, strict (any bad line rejects the file), no progress.</summary>
    public static HashListReadOptions Default { get; } = new();

    /// <summary>The format, or <see cref="HashListFormat.Auto"/> (the default) to detect it.</summary>
    public HashListFormat Format
    {
        get;
        init => field = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Format), value, "Not a HashListFormat value.");
    }

    /// <summary>
    /// False (the default): a file with any bad line is rejected with a <see cref="HashListFormatException"/>.
    /// True: bad lines are skipped and reported in <see cref="HashListReadResult.SkippedLines"/>. Problems that make
    /// the rest of the file unreadable (a CSV header without a <c>hash</c> column, an absurdly long line) are
    /// rejected either way.
    /// </summary>
    public bool SkipBadLines { get; init; }

    /// <summary>Receives progress every <see cref="ProgressIntervalLines"/> lines and once at the end.</summary>
    public IProgress<HashListReadProgress>? Progress { get; init; }

    /// <summary>Lines between progress reports (default 65536), at least 1.</summary>
    public int ProgressIntervalLines
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(ProgressIntervalLines));
            field = value;
        }
    } = 65536;

    /// <summary>
    /// How many errors are kept with their text (default 1000), at least 1; more are only counted. Bounds memory when
    /// a huge file in the wrong format produces an error on every line.
    /// </summary>
    public int MaxRecordedErrors
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxRecordedErrors));
            field = value;
        }
    } = 1000;
}
