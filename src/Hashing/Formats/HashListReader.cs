using System.Text;

namespace LiveWatch.Hashing.Formats;

/// <summary>
/// Reads hash lists (plain, CSV, vPDQ) line by line from files, streams or text readers, without holding the file
/// as one string. Input is UTF-8 unless a byte-order mark says otherwise; a leading byte-order mark is ignored.
/// Upper-case hex is accepted and read as lower case.
/// </summary>
/// <remarks>
/// By default a file with any bad line is rejected whole with a <see cref="HashListFormatException"/> that lists
/// the bad lines; see <see cref="HashListReadOptions.SkipBadLines"/> to keep the good lines instead.
/// </remarks>
public static class HashListReader
{
    private const int StreamBufferSize = 1 << 16;

    // Invalid UTF-8 becomes U+FFFD, which the parsers then report with its line, rather than a decoder exception
    // that cannot say where the bad byte was.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Reads a hash list file; errors name it by its file name.</summary>
    /// <exception cref="HashListFormatException">The file is not a valid hash list.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static HashListReadResult ReadFile(
        string path,
        HashListReadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(
            path, FileMode.Open, FileAccess.Read, FileShare.Read, StreamBufferSize, FileOptions.SequentialScan);
        return Read(stream, Path.GetFileName(path), options, cancellationToken);
    }

    /// <summary>
    /// Reads a hash list from a stream, from its current position; the stream is left open.
    /// </summary>
    /// <param name="stream">The bytes of the list.</param>
    /// <param name="sourceName">The name errors use; its extension also guides format detection (e.g. <c>bank.csv</c>).</param>
    /// <param name="options">How to read; defaults if null.</param>
    /// <param name="cancellationToken">Checked every few thousand lines.</param>
    /// <exception cref="HashListFormatException">The stream is not a valid hash list.</exception>
    public static HashListReadResult Read(
        Stream stream,
        string sourceName,
        HashListReadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        long? totalBytes = stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : null;
        using var counting = new ByteCountingStream(stream);
        using var reader = new StreamReader(
            counting, Utf8, detectEncodingFromByteOrderMarks: true, StreamBufferSize, leaveOpen: true);
        return ReadCore(reader, sourceName, options, () => counting.BytesRead, totalBytes, cancellationToken);
    }

    /// <summary>Reads a hash list from text; progress then reports lines only. The reader is left open.</summary>
    /// <param name="reader">The text of the list.</param>
    /// <param name="sourceName">The name errors use; its extension also guides format detection.</param>
    /// <param name="options">How to read; defaults if null.</param>
    /// <param name="cancellationToken">Checked every few thousand lines.</param>
    /// <exception cref="HashListFormatException">The text is not a valid hash list.</exception>
    public static HashListReadResult Read(
        TextReader reader,
        string sourceName,
        HashListReadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        return ReadCore(reader, sourceName, options, bytesRead: null, totalBytes: null, cancellationToken);
    }

    private static HashListReadResult ReadCore(
        TextReader reader,
        string sourceName,
        HashListReadOptions? options,
        Func<long>? bytesRead,
        long? totalBytes,
        CancellationToken cancellationToken)
    {
        options ??= HashListReadOptions.Default;
        var session = new ReadSession(sourceName, options, bytesRead, totalBytes, cancellationToken);
        var lines = new LineReader(reader, session);
        var format = HashListFormatDetector.Detect(options.Format, sourceName, lines.Lookahead);
        switch (format)
        {
            case HashListFormat.Csv:
                CsvHashListParser.Parse(lines, session);
                break;
            case HashListFormat.Vpdq:
                VpdqHashListParser.Parse(lines, session);
                break;
            default:
                PlainHashListParser.Parse(lines, session);
                break;
        }

        return session.Complete(format, lines.LineNumber);
    }
}
