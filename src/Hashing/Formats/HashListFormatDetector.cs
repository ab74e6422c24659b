namespace LiveWatch.Hashing.Formats;

/// <summary>
/// Picks the format of a hash list from the file name's extension and the first meaningful (non-blank,
/// non-<c>#</c>) line: <c>.csv</c> is CSV and <c>.vpdq</c> vPDQ whatever they hold; <c>.txt</c>, <c>.hashes</c>
/// and <c>.pdq</c> are plain unless the first line has the vPDQ shape (the reference vPDQ tools write <c>.txt</c>);
/// any other name goes by the content alone: vPDQ shape, then CSV (a comma or quote, or a lone <c>hash</c>
/// header), else plain.
/// </summary>
internal static class HashListFormatDetector
{
    private const string HashColumnHeader = "hash";

    private static readonly string[] PlainExtensions = [".txt", ".hashes", ".pdq"];

    public static HashListFormat Detect(HashListFormat requested, string sourceName, ReadOnlySpan<char> start)
    {
        if (requested != HashListFormat.Auto)
        {
            return requested;
        }

        var extension = Path.GetExtension(sourceName.AsSpan());
        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return HashListFormat.Csv;
        }

        if (extension.Equals(".vpdq", StringComparison.OrdinalIgnoreCase))
        {
            return HashListFormat.Vpdq;
        }

        var firstLine = FirstMeaningfulLine(start);
        if (VpdqHashListParser.LooksLikeVpdq(firstLine))
        {
            return HashListFormat.Vpdq;
        }

        foreach (var plain in PlainExtensions)
        {
            if (extension.Equals(plain, StringComparison.OrdinalIgnoreCase))
            {
                return HashListFormat.Plain;
            }
        }

        return firstLine.IndexOfAny(',', '"') >= 0 || firstLine.Equals(HashColumnHeader, StringComparison.OrdinalIgnoreCase)
            ? HashListFormat.Csv
            : HashListFormat.Plain;
    }

    /// <summary>The first line that is not blank and does not start with '#', trimmed; empty if there is none.</summary>
    private static ReadOnlySpan<char> FirstMeaningfulLine(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var breakAt = text.IndexOfAny('\r', '\n');
            var line = (breakAt < 0 ? text : text[..breakAt]).Trim();
            if (!line.IsEmpty && line[0] != '#')
            {
                return line;
            }

            if (breakAt < 0)
            {
                break;
            }

            text = text[(breakAt + 1)..];
        }

        return [];
    }
}
