namespace LiveWatch.Hashing.Formats;

/// <summary>
/// Reads physical lines from a <see cref="TextReader"/> into one reusable buffer and hands them out as spans, so a
/// file of millions of lines costs no string per line. A returned span is valid until the next read.
/// </summary>
internal sealed class LineReader
{
    /// <summary>Longer lines are not a hash list (think of a binary file with no newlines) and stop the read.</summary>
    internal const int MaxLineLength = 1 << 20;

    private const int InitialBufferLength = 1 << 16;

    private readonly TextReader _reader;
    private readonly ReadSession _session;
    private char[] _buffer = new char[InitialBufferLength];
    private int _start;
    private int _end;
    private bool _endOfInput;

    public LineReader(TextReader reader, ReadSession session)
    {
        _reader = reader;
        _session = session;

        // Fill the whole first block so format detection sees a useful amount of text.
        _end = _reader.ReadBlock(_buffer, 0, _buffer.Length);
        _endOfInput = _end == 0;

        // A StreamReader drops a byte-order mark itself; a TextReader over text that kept one shows it as U+FEFF.
        if (_end > 0 && _buffer[0] == '\uFEFF')
        {
            _start = 1;
        }
    }

    /// <summary>The number of the last line read (1-based), or 0 before the first.</summary>
    public int LineNumber { get; private set; }

    /// <summary>The buffered text not read yet; before the first read, the start of the input.</summary>
    public ReadOnlySpan<char> Lookahead => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Reads the next line without its terminator; false at the end of the input.</summary>
    public bool TryReadLine(out ReadOnlySpan<char> line, out LineEnding ending)
    {
        var scanFrom = 0;
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var breakAt = pending[scanFrom..].IndexOfAny('\r', '\n');
            if (breakAt >= 0)
            {
                breakAt += scanFrom;
                int terminatorLength;
                if (pending[breakAt] == '\n')
                {
                    ending = LineEnding.Lf;
                    terminatorLength = 1;
                }
                else if (breakAt + 1 < pending.Length)
                {
                    (ending, terminatorLength) = pending[breakAt + 1] == '\n' ? (LineEnding.CrLf, 2) : (LineEnding.Cr, 1);
                }
                else if (!_endOfInput)
                {
                    // A '\r' at the end of the buffer may be the first half of "\r\n": read on before deciding.
                    scanFrom = breakAt;
                    Fill();
                    continue;
                }
                else
                {
                    (ending, terminatorLength) = (LineEnding.Cr, 1);
                }

                line = pending[..breakAt];
                _start += breakAt + terminatorLength;
                CountLine();
                return true;
            }

            if (_endOfInput)
            {
                ending = LineEnding.None;
                if (pending.IsEmpty)
                {
                    line = default;
                    return false;
                }

                line = pending;
                _start = _end;
                CountLine();
                return true;
            }

            // Offsets into the unread text survive Fill, which only moves it, so the scan resumes where it stopped.
            scanFrom = pending.Length;
            Fill();
        }
    }

    private void CountLine()
    {
        LineNumber = checked(LineNumber + 1);
        _session.OnLineRead(LineNumber);
    }

    /// <summary>Moves the unread text to the front of the buffer (growing it if it is full) and reads more.</summary>
    private void Fill()
    {
        var pendingLength = _end - _start;
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, pendingLength);
            _start = 0;
            _end = pendingLength;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxLineLength)
            {
                throw _session.Fatal(
                    LineNumber + 1,
                    $"line is longer than {MaxLineLength} characters; this does not look like a hash list");
            }

            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = _reader.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfInput = true;
        }

        _end += read;
    }
}
