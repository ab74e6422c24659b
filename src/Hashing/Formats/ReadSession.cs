using LiveWatch.Hashing.Video;

namespace LiveWatch.Hashing.Formats;

/// <summary>
/// The state of one read: what has been parsed, the errors, progress and cancellation. Parsers report to it line
/// by line; <see cref="Complete"/> turns it into a result or the exception that rejects the file.
/// </summary>
internal sealed class ReadSession
{
    // Cancellation is checked more often than progress is reported, whatever the progress interval.
    private const int CancellationCheckMask = 4095;

    private readonly HashListReadOptions _options;
    private readonly Func<long>? _bytesRead;
    private readonly long? _totalBytes;
    private readonly CancellationToken _cancellationToken;
    private readonly List<HashListError> _errors = [];
    private readonly List<HashListEntry> _entries = [];
    private readonly List<VpdqFrame> _frames = [];

    public ReadSession(
        string source,
        HashListReadOptions options,
        Func<long>? bytesRead,
        long? totalBytes,
        CancellationToken cancellationToken)
    {
        Source = source;
        _options = options;
        _bytesRead = bytesRead;
        _totalBytes = totalBytes;
        _cancellationToken = cancellationToken;
    }

    public string Source { get; }

    public int ErrorCount { get; private set; }

    /// <summary>
    /// Whether parsed entries are still wanted: in strict mode the first error dooms the file, so later entries
    /// are not built or kept (only the remaining errors are collected).
    /// </summary>
    public bool KeepsEntries => _options.SkipBadLines || ErrorCount == 0;

    public void AddEntry(HashListEntry entry)
    {
        if (KeepsEntries)
        {
            _entries.Add(entry);
        }
    }

    public void AddFrame(VpdqFrame frame, int lineNumber)
    {
        if (KeepsEntries)
        {
            _frames.Add(frame);
            _entries.Add(new HashListEntry(frame.Hash, null, null, lineNumber));
        }
    }

    public void AddError(int lineNumber, string reason)
    {
        ErrorCount++;
        if (_errors.Count < _options.MaxRecordedErrors)
        {
            _errors.Add(new HashListError(Source, lineNumber, reason));
        }

        if (ErrorCount == 1 && !_options.SkipBadLines)
        {
            // The file is rejected whatever follows; give back the memory now rather than at the end.
            _entries.Clear();
            _entries.TrimExcess();
            _frames.Clear();
            _frames.TrimExcess();
        }
    }

    /// <summary>Records an error that stops the read (in either mode) and returns the exception to throw.</summary>
    public HashListFormatException Fatal(int lineNumber, string reason)
    {
        AddError(lineNumber, reason);
        return new HashListFormatException(_errors.ToArray(), ErrorCount);
    }

    public void OnLineRead(int lineNumber)
    {
        if ((lineNumber & CancellationCheckMask) == 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
        }

        if (lineNumber % _options.ProgressIntervalLines == 0)
        {
            ReportProgress(lineNumber);
        }
    }

    public HashListReadResult Complete(HashListFormat format, int lineCount)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        ReportProgress(lineCount);
        if (ErrorCount > 0 && !_options.SkipBadLines)
        {
            throw new HashListFormatException(_errors.ToArray(), ErrorCount);
        }

        return new HashListReadResult(
            Source,
            format,
            _entries,
            _frames,
            _errors,
            ErrorCount,
            lineCount);
    }

    private void ReportProgress(int lineNumber) =>
        _options.Progress?.Report(new HashListReadProgress(lineNumber, _bytesRead?.Invoke(), _totalBytes));
}
