namespace LiveWatch.Hashing.Formats;

/// <summary>
/// Splits RFC 4180 CSV into records: fields separated by commas, a field in double quotes may hold commas, line
/// breaks (kept exactly as written) and quotes written twice. Records end at CRLF, LF or CR outside quotes.
/// Blank lines between records are skipped. The fields of the current record live in one reusable buffer.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly LineReader _lines;
    private readonly ReadSession _session;
    private readonly List<(int Start, int Length)> _fields = [];
    private char[] _chars = new char[256];
    private int _length;

    public CsvRecordReader(LineReader lines, ReadSession session)
    {
        _lines = lines;
        _session = session;
    }

    /// <summary>The line the current record starts on.</summary>
    public int StartLine { get; private set; }

    public int FieldCount => _fields.Count;

    /// <summary>Field <paramref name="index"/> of the current record, quotes removed; valid until the next read.</summary>
    public ReadOnlySpan<char> Field(int index)
    {
        var (start, length) = _fields[index];
        return _chars.AsSpan(start, length);
    }

    /// <summary>
    /// Reads the next record. False at the end of the input. When the record is malformed, returns true with
    /// <paramref name="error"/> set and <paramref name="errorLine"/> pointing at the problem; the record's fields are
    /// then incomplete and reading goes on at the next line.
    /// </summary>
    public bool TryReadRecord(out string? error, out int errorLine)
    {
        error = null;
        errorLine = 0;
        _length = 0;
        _fields.Clear();

        ReadOnlySpan<char> line;
        LineEnding ending;
        do
        {
            if (!_lines.TryReadLine(out line, out ending))
            {
                return false;
            }
        }
        while (line.IsWhiteSpace());

        StartLine = _lines.LineNumber;
        var position = 0;
        while (true)
        {
            var fieldStart = _length;
            if (position < line.Length && line[position] == '"')
            {
                var openedOnLine = _lines.LineNumber;
                position++;
                while (true)
                {
                    var rest = line[position..];
                    var quote = rest.IndexOf('"');
                    if (quote < 0)
                    {
                        // The field goes on past the end of this line: keep the line break as written.
                        Append(rest);
                        Append(ending switch
                        {
                            LineEnding.CrLf => "\r\n",
                            LineEnding.Lf => "\n",
                            LineEnding.Cr => "\r",
                            _ => "",
                        });
                        if (!_lines.TryReadLine(out line, out ending))
                        {
                            error = $"column {_fields.Count + 1}: the quoted field opened on line {openedOnLine} is not closed before the end of the file";
                            errorLine = openedOnLine;
                            return true;
                        }

                        position = 0;
                        continue;
                    }

                    Append(rest[..quote]);
                    position += quote + 1;
                    if (position < line.Length && line[position] == '"')
                    {
                        Append("\"");
                        position++;
                        continue;
                    }

                    break;
                }

                _fields.Add((fieldStart, _length - fieldStart));
                if (position == line.Length)
                {
                    return true;
                }

                if (line[position] != ',')
                {
                    error = $"column {_fields.Count}: unexpected {ErrorText.Describe(line[position])} after the closing quote " +
                        "(a quote inside a quoted field is written as two quotes)";
                    errorLine = _lines.LineNumber;
                    return true;
                }

                position++;
            }
            else
            {
                var rest = line[position..];
                var comma = rest.IndexOf(',');
                var field = comma < 0 ? rest : rest[..comma];
                if (field.Contains('"'))
                {
                    error = $"column {_fields.Count + 1}: a quote inside an unquoted field " +
                        "(put the whole field in quotes and write the quote as two quotes)";
                    errorLine = _lines.LineNumber;
                    return true;
                }

                Append(field);
                _fields.Add((fieldStart, field.Length));
                if (comma < 0)
                {
                    return true;
                }

                position += comma + 1;
            }
        }
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > LineReader.MaxLineLength)
        {
            // Most likely a quote that is never closed, swallowing the rest of a big file into one field.
            throw _session.Fatal(
                StartLine,
                $"record is longer than {LineReader.MaxLineLength} characters; is a quoted field not closed?");
        }

        if (_length + text.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + text.Length));
        }

        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
    }
}
