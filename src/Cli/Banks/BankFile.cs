using System.Globalization;
using LiveWatch.Cli.Terminal;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Formats;
using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Cli.Banks;

/// <summary>
/// A hash list given with <c>--bank</c>, read whole (a bad line rejects the file) with a progress line on a terminal.
/// Entries are addressed by their position in the file, which is the id they get in an index.
/// </summary>
internal sealed class BankFile
{
    private BankFile(string path, HashListReadResult read, HashListEntry[] entries)
    {
        Path = path;
        Read = read;
        Entries = entries;
    }

    public string Path { get; }

    public HashListReadResult Read { get; }

    public IReadOnlyList<HashListEntry> Entries { get; }

    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="HashListFormatException">A line is bad: names the file, line and reason.</exception>
    public static BankFile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such bank file", path);
        }

        using var progress = new ProgressLine($"loading {System.IO.Path.GetFileName(path)}");
        var read = HashListReader.ReadFile(path, new HashListReadOptions
        {
            Progress = new SynchronousProgress<HashListReadProgress>(p =>
                progress.Report(p.BytesRead ?? p.LinesRead, p.TotalBytes ?? 0, p.BytesRead is null ? "lines" : "bytes")),
        });

        // A vPDQ file is a video's frames: each frame's hash is an entry named by its frame number.
        var entries = read.Format == HashListFormat.Vpdq
            ? read.VpdqFrames.Select(f => new HashListEntry(f.Hash, f.FrameNumber.ToString(CultureInfo.InvariantCulture), null, 0)).ToArray()
            : read.Entries.ToArray();
        return new BankFile(path, read, entries);
    }

    /// <summary>The hashes in file order.</summary>
    public Hash256[] Hashes() => Entries.Select(e => e.Hash).ToArray();

    /// <summary>Positions 0..n-1, the ids entries get in an index.</summary>
    public long[] Positions() => Enumerable.Range(0, Entries.Count).Select(i => (long)i).ToArray();

    /// <summary>An index over the entries, ids = positions.</summary>
    public IHashIndex BuildIndex()
    {
        var index = HashIndex.Create(Entries.Count);
        index.AddRange(Hashes(), Positions());
        return index;
    }

    /// <summary>The entry's own id, else where it is in the file (<c>bank.txt:12</c>).</summary>
    public string DisplayId(long position)
    {
        var entry = Entries[checked((int)position)];
        return entry.Id ?? string.Create(CultureInfo.InvariantCulture, $"{System.IO.Path.GetFileName(Path)}:{entry.LineNumber}");
    }
}
