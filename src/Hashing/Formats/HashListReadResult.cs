using LiveWatch.Hashing.Video;

namespace LiveWatch.Hashing.Formats;

/// <summary>What a hash list held.</summary>
public sealed class HashListReadResult
{
    internal HashListReadResult(
        string source,
        HashListFormat format,
        IReadOnlyList<HashListEntry> entries,
        IReadOnlyList<VpdqFrame> vpdqFrames,
        IReadOnlyList<HashListError> skippedLines,
        int skippedLineCount,
        int lineCount)
    {
        Source = source;
        Format = format;
        Entries = entries;
        VpdqFrames = vpdqFrames;
        SkippedLines = skippedLines;
        SkippedLineCount = skippedLineCount;
        LineCount = lineCount;
    }

    /// <summary>The file name or the caller's name for the stream.</summary>
    public string Source { get; }

    /// <summary>The format the list was read as (never <see cref="HashListFormat.Auto"/>).</summary>
    public HashListFormat Format { get; }

    /// <summary>
    /// The hashes in file order. For vPDQ there is one entry per frame (no id or label), so a video's frame hashes
    /// can go into a per-frame index like any other list.
    /// </summary>
    public IReadOnlyList<HashListEntry> Entries { get; }

    /// <summary>The frames of a vPDQ file in file order; empty for other formats.</summary>
    public IReadOnlyList<VpdqFrame> VpdqFrames { get; }

    /// <summary>The bad lines skipped (only with <see cref="HashListReadOptions.SkipBadLines"/>), up to <see cref="HashListReadOptions.MaxRecordedErrors"/>.</summary>
    public IReadOnlyList<HashListError> SkippedLines { get; }

    /// <summary>How many bad lines were skipped in all.</summary>
    public int SkippedLineCount { get; }

    /// <summary>Physical lines in the file.</summary>
    public int LineCount { get; }
}
