using System.Globalization;
using LiveWatch.Hashing.Video;

namespace LiveWatch.Hashing.Formats;

/// <summary>
/// Writes hash lists that <see cref="HashListReader"/> reads back to the same entries. Hashes are written as
/// lowercase hex. Plain and vPDQ lines end with <c>\n</c> (as the reference tools write); CSV records end with
/// <c>\r\n</c> as RFC 4180 says.
/// </summary>
public static class HashListWriter
{
    private const string CsvLineEnd = "\r\n";

    /// <summary>Writes one hash per line.</summary>
    public static void WritePlain(TextWriter writer, IEnumerable<Hash256> hashes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(hashes);
        Span<char> hex = stackalloc char[Hash256.HexLength];
        foreach (var hash in hashes)
        {
            hash.TryFormat(hex, out _);
            writer.Write(hex);
            writer.Write('\n');
        }
    }

    /// <summary>
    /// Writes a CSV list with the header <c>hash,id,label</c>. A null id or label is written as an empty field
    /// (read back as null); fields holding commas, quotes or line breaks are quoted, with quotes doubled.
    /// </summary>
    public static void WriteCsv(TextWriter writer, IEnumerable<HashListEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entries);
        writer.Write("hash,id,label");
        writer.Write(CsvLineEnd);
        Span<char> hex = stackalloc char[Hash256.HexLength];
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            entry.Hash.TryFormat(hex, out _);
            writer.Write(hex);
            writer.Write(',');
            WriteCsvField(writer, entry.Id);
            writer.Write(',');
            WriteCsvField(writer, entry.Label);
            writer.Write(CsvLineEnd);
        }
    }

    /// <summary>
    /// Writes vPDQ lines <c>frameNumber,quality,hash,timestampSeconds</c>, the timestamp with three decimals as the
    /// reference does (so it reads back rounded to the millisecond).
    /// </summary>
    /// <exception cref="ArgumentException">A frame breaks the format's rules (negative frame number, quality outside 0..100, negative or non-finite timestamp).</exception>
    public static void WriteVpdq(TextWriter writer, IEnumerable<VpdqFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(frames);
        // Frame number, quality and hash always fit; a (pathologically) huge timestamp is written separately.
        Span<char> line = stackalloc char[96];
        foreach (var frame in frames)
        {
            RequireWritable(frame, nameof(frames));
            frame.FrameNumber.TryFormat(line, out var written, provider: CultureInfo.InvariantCulture);
            line[written++] = ',';
            frame.Quality.TryFormat(line[written..], out var n, provider: CultureInfo.InvariantCulture);
            written += n;
            line[written++] = ',';
            frame.Hash.TryFormat(line[written..], out n);
            written += n;
            line[written++] = ',';
            if (frame.TimestampSeconds.TryFormat(line[written..], out n, "F3", CultureInfo.InvariantCulture))
            {
                writer.Write(line[..(written + n)]);
            }
            else
            {
                writer.Write(line[..written]);
                writer.Write(frame.TimestampSeconds.ToString("F3", CultureInfo.InvariantCulture));
            }

            writer.Write('\n');
        }
    }

    private static void RequireWritable(VpdqFrame frame, string parameterName)
    {
        if (frame.FrameNumber < 0 || frame.Quality is < 0 or > 100 || !double.IsFinite(frame.TimestampSeconds) || frame.TimestampSeconds < 0)
        {
            throw new ArgumentException(
                $"Frame {frame.FrameNumber} cannot be written as vPDQ: the frame number must be non-negative, the quality " +
                $"0..100 (got {frame.Quality}) and the timestamp a non-negative finite number " +
                $"(got {frame.TimestampSeconds.ToString(CultureInfo.InvariantCulture)}).",
                parameterName);
        }
    }

    private static void WriteCsvField(TextWriter writer, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
