using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using LiveWatch.Hashing.Video;

namespace LiveWatch.Hashing.Formats;

/// <summary>
/// The vPDQ text format written by the reference <c>vpdq-hash-video</c>: one
/// <c>frameNumber,quality,pdqHex,timestampSeconds</c> line per hashed frame. Blank lines and lines starting with
/// <c>#</c> are ignored, as in the plain format.
/// </summary>
internal static class VpdqHashListParser
{
    private const int ColumnCount = 4;

    public static void Parse(LineReader lines, ReadSession session)
    {
        while (lines.TryReadLine(out var line, out _))
        {
            var text = line.Trim();
            if (text.IsEmpty || text[0] == '#')
            {
                continue;
            }

            if (TryParseLine(text, out var frame, out var error))
            {
                session.AddFrame(frame, lines.LineNumber);
            }
            else
            {
                session.AddError(lines.LineNumber, error);
            }
        }
    }

    /// <summary>Whether a line has the vPDQ shape (four columns, a 64-character third one), for format detection.</summary>
    public static bool LooksLikeVpdq(ReadOnlySpan<char> line)
    {
        if (line.Count(',') != ColumnCount - 1)
        {
            return false;
        }

        Span<Range> columns = stackalloc Range[ColumnCount];
        line.Split(columns, ',');
        return line[columns[2]].Trim().Length == Hash256.HexLength
            && IsDigits(line[columns[0]].Trim())
            && IsDigits(line[columns[1]].Trim());
    }

    private static bool TryParseLine(ReadOnlySpan<char> text, out VpdqFrame frame, [NotNullWhen(false)] out string? error)
    {
        frame = default;
        var columnCount = text.Count(',') + 1;
        if (columnCount != ColumnCount)
        {
            error = $"expected 4 comma-separated columns (frame,quality,hash,timestamp), got {columnCount}";
            return false;
        }

        Span<Range> columns = stackalloc Range[ColumnCount];
        text.Split(columns, ',');
        var frameText = text[columns[0]].Trim();
        var qualityText = text[columns[1]].Trim();
        var hashText = text[columns[2]].Trim();
        var timestampText = text[columns[3]].Trim();

        if (!int.TryParse(frameText, NumberStyles.None, CultureInfo.InvariantCulture, out var frameNumber))
        {
            error = $"column 'frame': expected a non-negative integer, got {ErrorText.Quote(frameText)}";
            return false;
        }

        if (!int.TryParse(qualityText, NumberStyles.None, CultureInfo.InvariantCulture, out var quality) || quality > 100)
        {
            error = $"column 'quality': expected an integer 0..100, got {ErrorText.Quote(qualityText)}";
            return false;
        }

        if (!Hash256.TryParse(hashText, out var hash, out var hashError, ignoreCase: true))
        {
            error = $"column 'hash': {hashError}";
            return false;
        }

        if (!double.TryParse(timestampText, NumberStyles.Float, CultureInfo.InvariantCulture, out var timestamp)
            || !double.IsFinite(timestamp)
            || timestamp < 0)
        {
            error = $"column 'timestamp': expected a non-negative number of seconds, got {ErrorText.Quote(timestampText)}";
            return false;
        }

        // "-0" parses as negative zero; store it as plain zero.
        frame = new VpdqFrame(frameNumber, quality, hash, timestamp == 0 ? 0 : timestamp);
        error = null;
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');
}
