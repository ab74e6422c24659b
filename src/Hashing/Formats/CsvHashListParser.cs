using System.Text;

namespace LiveWatch.Hashing.Formats;

/// <summary>
/// CSV hash lists: a header row naming the columns (case-insensitive, surrounding spaces ignored) that must include
/// <c>hash</c> and may include <c>id</c> and <c>label</c>; other columns are ignored. Every row must have as many
/// columns as the header. The hash may have surrounding spaces; id and label are kept as written, empty meaning
/// none.
/// </summary>
internal static class CsvHashListParser
{
    private const string HashColumn = "hash";
    private const string IdColumn = "id";
    private const string LabelColumn = "label";

    public static void Parse(LineReader lines, ReadSession session)
    {
        var records = new CsvRecordReader(lines, session);
        if (!records.TryReadRecord(out var headerError, out var headerErrorLine))
        {
            // An empty file is an empty list.
            return;
        }

        if (headerError is not null)
        {
            throw session.Fatal(headerErrorLine, $"header row: {headerError}");
        }

        var columnCount = records.FieldCount;
        var hashIndex = FindColumn(records, session, HashColumn);
        var idIndex = FindColumn(records, session, IdColumn);
        var labelIndex = FindColumn(records, session, LabelColumn);
        if (hashIndex < 0)
        {
            throw session.Fatal(records.StartLine, DescribeMissingHashColumn(records));
        }

        while (records.TryReadRecord(out var error, out var errorLine))
        {
            if (error is not null)
            {
                session.AddError(errorLine, error);
                continue;
            }

            if (records.FieldCount != columnCount)
            {
                session.AddError(records.StartLine, $"row has {records.FieldCount} columns, the header has {columnCount}");
                continue;
            }

            if (!Hash256.TryParse(records.Field(hashIndex).Trim(), out var hash, out var hashError, ignoreCase: true))
            {
                session.AddError(records.StartLine, $"column 'hash': {hashError}");
                continue;
            }

            if (session.KeepsEntries)
            {
                session.AddEntry(new HashListEntry(
                    hash,
                    OptionalText(records, idIndex),
                    OptionalText(records, labelIndex),
                    records.StartLine));
            }
        }
    }

    /// <summary>The index of the named column in the header row, -1 if absent; a name given twice rejects the file.</summary>
    private static int FindColumn(CsvRecordReader header, ReadSession session, string name)
    {
        var found = -1;
        for (var i = 0; i < header.FieldCount; i++)
        {
            if (!header.Field(i).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (found >= 0)
            {
                throw session.Fatal(
                    header.StartLine,
                    $"header row: column '{name}' appears twice (columns {found + 1} and {i + 1})");
            }

            found = i;
        }

        return found;
    }

    private static string DescribeMissingHashColumn(CsvRecordReader firstRow)
    {
        var line = new StringBuilder();
        for (var i = 0; i < firstRow.FieldCount; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            line.Append(firstRow.Field(i));
        }

        if (VpdqHashListParser.LooksLikeVpdq(line.ToString()))
        {
            return "no header row: the first row looks like vPDQ data (frame,quality,hash,timestamp); " +
                "read the file as vPDQ, or add a header row naming a 'hash' column";
        }

        for (var i = 0; i < firstRow.FieldCount; i++)
        {
            if (Hash256.TryParse(firstRow.Field(i).Trim(), out _, ignoreCase: true))
            {
                return $"no header row: the first row must name the columns, including 'hash', but column {i + 1} holds a hash";
            }
        }

        return $"header row has no 'hash' column (it has {ErrorText.Quote(line.ToString())})";
    }

    private static string? OptionalText(CsvRecordReader record, int index)
    {
        if (index < 0)
        {
            return null;
        }

        var text = record.Field(index);
        return text.IsEmpty ? null : text.ToString();
    }
}
