namespace LiveWatch.Hashing.Formats;

/// <summary>
/// The plain format: one hex hash per line, surrounding whitespace ignored, blank lines ignored, <c>#</c> starting a
/// comment at the start of a line or after whitespace.
/// </summary>
internal static class PlainHashListParser
{
    private const string CommaHint = " (the line has commas: is this a CSV or vPDQ file?)";

    public static void Parse(LineReader lines, ReadSession session)
    {
        while (lines.TryReadLine(out var line, out _))
        {
            var text = line.Trim();
            if (text.IsEmpty || text[0] == '#')
            {
                continue;
            }

            text = WithoutTrailingComment(text);
            var tokenEnd = IndexOfWhiteSpace(text);
            var token = tokenEnd < 0 ? text : text[..tokenEnd];
            if (!Hash256.TryParse(token, out var hash, out var error, ignoreCase: true))
            {
                // A CSV or vPDQ file read as plain fails on every line; say so rather than only "not a hash".
                session.AddError(lines.LineNumber, token.Contains(',') ? error + CommaHint : error);
                continue;
            }

            if (tokenEnd >= 0)
            {
                session.AddError(
                    lines.LineNumber,
                    $"unexpected text after the hash: {ErrorText.Quote(text[tokenEnd..].TrimStart())} " +
                    "(one hash per line; a comment starts with '#')");
                continue;
            }

            session.AddEntry(new HashListEntry(hash, null, null, lines.LineNumber));
        }
    }

    /// <summary>
    /// Cuts a comment that starts with '#' after whitespace. A '#' stuck to other text is left alone, so a hash
    /// with a stray '#' in it is reported as a bad hash rather than silently shortened.
    /// </summary>
    private static ReadOnlySpan<char> WithoutTrailingComment(ReadOnlySpan<char> text)
    {
        var searchFrom = 1;
        while (searchFrom < text.Length)
        {
            var hashMark = text[searchFrom..].IndexOf('#');
            if (hashMark < 0)
            {
                break;
            }

            hashMark += searchFrom;
            if (char.IsWhiteSpace(text[hashMark - 1]))
            {
                return text[..hashMark].TrimEnd();
            }

            searchFrom = hashMark + 1;
        }

        return text;
    }

    private static int IndexOfWhiteSpace(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
