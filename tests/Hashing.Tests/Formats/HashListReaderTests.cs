using System.Text;
using CsCheck;
using LiveWatch.Hashing.Formats;
using static LiveWatch.Hashing.Tests.Formats.TestHashes;

namespace LiveWatch.Hashing.Tests.Formats;

public sealed class HashListReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("livewatch-formats-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ReadFile_names_errors_by_file_name_and_detects_by_extension()
    {
        var path = Path.Combine(_directory, "bank.csv");
        File.WriteAllText(path, $"hash,id\n{A},1\n{B[..5]},2\n");

        var error = Assert.Throws<HashListFormatException>(() => HashListReader.ReadFile(path));

        Assert.Equal("bank.csv:3: column 'hash': a PDQ hash is 64 hex characters, got 5", error.Message);
    }

    [Fact]
    public void ReadFile_of_a_missing_file_is_an_io_error() =>
        Assert.Throws<FileNotFoundException>(() => HashListReader.ReadFile(Path.Combine(_directory, "missing.txt")));

    [Fact]
    public void Reads_a_large_generated_plain_file()
    {
        const int count = 200_000;
        var path = Path.Combine(_directory, "large.hashes");
        using (var writer = new StreamWriter(path))
        {
            writer.Write("# generated\n");
            HashListWriter.WritePlain(writer, Enumerable.Range(0, count).Select(FromSeed));
        }

        var result = HashListReader.ReadFile(path);

        Assert.Equal(count, result.Entries.Count);
        Assert.Equal(count + 1, result.LineCount);
        for (var i = 0; i < count; i += 997)
        {
            Assert.Equal(FromSeed(i), result.Entries[i].Hash);
            Assert.Equal(i + 2, result.Entries[i].LineNumber);
        }

        Assert.Equal(FromSeed(count - 1), result.Entries[^1].Hash);
    }

    [Fact]
    public void Reads_a_large_generated_csv_file_with_quoted_labels()
    {
        const int count = 200_000;
        var entries = Enumerable.Range(0, count)
            .Select(i => new HashListEntry(FromSeed(i), $"id-{i}", i % 3 == 0 ? $"label, \"{i}\"" : null, 0))
            .ToList();
        var path = Path.Combine(_directory, "large.csv");
        using (var writer = new StreamWriter(path))
        {
            HashListWriter.WriteCsv(writer, entries);
        }

        var result = HashListReader.ReadFile(path);

        Assert.Equal(count, result.Entries.Count);
        Assert.Equal(entries.Select(e => (e.Hash, e.Id, e.Label)), result.Entries.Select(e => (e.Hash, e.Id, e.Label)));
    }

    [Fact]
    public void Reports_progress_with_bytes_and_total_for_a_file()
    {
        var path = Path.Combine(_directory, "progress.txt");
        using (var writer = new StreamWriter(path))
        {
            HashListWriter.WritePlain(writer, Enumerable.Range(0, 10_000).Select(FromSeed));
        }

        var reports = new List<HashListReadProgress>();
        var options = new HashListReadOptions { Progress = new SynchronousProgress(reports.Add), ProgressIntervalLines = 1000 };

        HashListReader.ReadFile(path, options);

        var fileLength = new FileInfo(path).Length;
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i * 1000L).Append(10_000), reports.Select(r => r.LinesRead));
        Assert.All(reports, r => Assert.Equal(fileLength, r.TotalBytes));
        Assert.All(reports, r => Assert.InRange(r.BytesRead!.Value, 1, fileLength));
        Assert.Equal(fileLength, reports[^1].BytesRead);
        Assert.Equal(1.0, reports[^1].Fraction);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.BytesRead <= p.Second.BytesRead));
    }

    [Fact]
    public void Reports_progress_without_sizes_for_text_and_unseekable_streams()
    {
        var text = string.Concat(Enumerable.Repeat($"{A}\n", 5));
        var textReports = new List<HashListReadProgress>();
        var streamReports = new List<HashListReadProgress>();

        Read(text, "list.txt", new HashListReadOptions { Progress = new SynchronousProgress(textReports.Add), ProgressIntervalLines = 2 });
        using var stream = new UnseekableStream(Encoding.UTF8.GetBytes(text));
        HashListReader.Read(stream, "list.txt", new HashListReadOptions { Progress = new SynchronousProgress(streamReports.Add), ProgressIntervalLines = 2 });

        Assert.Equal([new(2, null, null), new(4, null, null), new(5, null, null)], textReports);
        Assert.Equal([2L, 4, 5], streamReports.Select(r => r.LinesRead));
        Assert.All(streamReports, r => Assert.Null(r.TotalBytes));
        Assert.All(streamReports, r => Assert.Null(r.Fraction));
        Assert.Equal(Encoding.UTF8.GetByteCount(text), streamReports[^1].BytesRead);
    }

    [Fact]
    public void Reads_a_stream_from_its_current_position_and_leaves_it_open()
    {
        var prefix = Encoding.UTF8.GetBytes("ignored header bytes\n");
        using var stream = new MemoryStream([.. prefix, .. Encoding.UTF8.GetBytes($"{A}\n")]);
        stream.Position = prefix.Length;
        var reports = new List<HashListReadProgress>();

        var result = HashListReader.Read(stream, "tail.txt", new HashListReadOptions { Progress = new SynchronousProgress(reports.Add) });

        Assert.Equal([A], Hex(result));
        Assert.Equal(65, reports.Single().TotalBytes);
        Assert.True(stream.CanRead);
    }

    [Fact]
    public void Honours_cancellation()
    {
        var text = string.Concat(Enumerable.Repeat($"{A}\n", 10_000));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => HashListReader.Read(new StringReader(text), "list.txt", cancellationToken: cancellation.Token));
    }

    [Fact]
    public void Invalid_utf8_is_reported_at_its_line()
    {
        var bytes = Encoding.ASCII.GetBytes($"{A}\n{B[..63]}").Append((byte)0xFF).Append((byte)'\n').ToArray();
        using var stream = new MemoryStream(bytes);

        var error = Assert.Throws<HashListFormatException>(() => HashListReader.Read(stream, "broken.txt"));

        Assert.Equal("broken.txt:2: character '\uFFFD' at position 64 is not a hex digit (0-9, a-f)", error.Message);
    }

    [Fact]
    public void Line_structure_survives_any_split_of_the_input_into_reads()
    {
        // Lines, line endings and the size of each Read vary; a "\r\n" split across two reads must stay one break.
        var lineGen = Gen.Select(Gen.Int[0, 50], Gen.OneOf("\n", "\r\n", "\r"), (seed, ending) => (Hash: FromSeed(seed), Ending: ending));
        Gen.Select(lineGen.List[0, 60], Gen.Int[1, 7]).Sample(sample =>
        {
            var (lines, chunkSize) = sample;
            var text = string.Concat(lines.Select(l => l.Hash + l.Ending));

            var result = HashListReader.Read(new TricklingReader(text, chunkSize), "list.txt");

            Assert.Equal(lines.Select(l => l.Hash), result.Entries.Select(e => e.Hash));
            Assert.Equal(Enumerable.Range(1, lines.Count), result.Entries.Select(e => e.LineNumber));
        });
    }

    [Fact]
    public void Csv_records_survive_any_split_of_the_input_into_reads()
    {
        var text = $"hash,label\r\n{A},\"multi\r\nline, \"\"quoted\"\"\"\r\n{B},plain\r\n{C},\"\r\"\r\n";
        var expected = new (string, string?)[] { (A, "multi\r\nline, \"quoted\""), (B, "plain"), (C, "\r") };

        for (var chunkSize = 1; chunkSize <= 9; chunkSize++)
        {
            var result = HashListReader.Read(new TricklingReader(text, chunkSize), "bank.csv");

            Assert.Equal(expected, result.Entries.Select(e => (e.Hash.ToString(), e.Label)));
            Assert.Equal([2, 4, 5], result.Entries.Select(e => e.LineNumber));
        }
    }

    /// <summary>Calls the callback on the reporting thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<HashListReadProgress> report) : IProgress<HashListReadProgress>
    {
        public void Report(HashListReadProgress value) => report(value);
    }

    /// <summary>Hands out at most a few characters per Read, as a slow pipe might.</summary>
    private sealed class TricklingReader(string text, int chunkSize) : TextReader
    {
        private int _position;

        public override int Read(char[] buffer, int index, int count)
        {
            var n = Math.Min(Math.Min(count, chunkSize), text.Length - _position);
            text.CopyTo(_position, buffer, index, n);
            _position += n;
            return n;
        }
    }

    /// <summary>A stream that cannot seek or tell its length, like a pipe.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
