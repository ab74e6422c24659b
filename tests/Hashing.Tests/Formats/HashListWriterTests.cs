using System.Globalization;
using CsCheck;
using LiveWatch.Hashing.Formats;
using LiveWatch.Hashing.Video;
using static LiveWatch.Hashing.Tests.Formats.TestHashes;

namespace LiveWatch.Hashing.Tests.Formats;

public sealed class HashListWriterTests
{
    private static readonly Gen<Hash256> HashGen =
        Gen.Select(Gen.ULong, Gen.ULong, Gen.ULong, Gen.ULong, (a, b, c, d) => new Hash256(a, b, c, d));

    // Text that exercises CSV quoting: separators, quotes, every kind of line break, spaces, non-ASCII.
    private static readonly Gen<string?> CsvTextGen =
        Gen.OneOf(Gen.Const((string?)null), Gen.String[Gen.Char[",\"\r\n ab#é\u00a0"], 0, 12].Select(s => (string?)s));

    [Fact]
    public void WritePlain_writes_one_lowercase_hash_per_line()
    {
        using var writer = new StringWriter();

        HashListWriter.WritePlain(writer, [Hash256.Parse(A.ToUpperInvariant(), ignoreCase: true), Hash256.Parse(B)]);

        Assert.Equal($"{A}\n{B}\n", writer.ToString());
    }

    [Fact]
    public void WriteCsv_quotes_only_fields_that_need_it()
    {
        using var writer = new StringWriter();

        HashListWriter.WriteCsv(writer,
        [
            new HashListEntry(Hash256.Parse(A), "plain id", "comma, inside", 0),
            new HashListEntry(Hash256.Parse(B), null, "say \"hi\"", 0),
            new HashListEntry(Hash256.Parse(C), "line\nbreak", null, 0),
        ]);

        Assert.Equal(
            "hash,id,label\r\n" +
            $"{A},plain id,\"comma, inside\"\r\n" +
            $"{B},,\"say \"\"hi\"\"\"\r\n" +
            $"{C},\"line\nbreak\",\r\n",
            writer.ToString());
    }

    [Fact]
    public void WriteVpdq_reproduces_the_reference_output_byte_for_byte()
    {
        var path = Fixtures.Pdq("vpdq/upstream-sample-hashes/test-padded-dimensions.txt");
        using var writer = new StringWriter();

        HashListWriter.WriteVpdq(writer, HashListReader.ReadFile(path).VpdqFrames);

        Assert.Equal(File.ReadAllText(path), writer.ToString());
    }

    [Fact]
    public void WriteVpdq_rounds_timestamps_to_three_decimals_whatever_the_culture()
    {
        // The build runs in invariant-globalization mode, so make a culture with a decimal comma by hand.
        var decimalComma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        decimalComma.NumberFormat.NumberDecimalSeparator = ",";
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = decimalComma;
        try
        {
            using var writer = new StringWriter(decimalComma);

            HashListWriter.WriteVpdq(writer, [new VpdqFrame(1, 7, Hash256.Parse(A), 1 / 30.0), new VpdqFrame(12345, 100, Hash256.Parse(B), 411.5)]);

            Assert.Equal($"1,7,{A},0.033\n12345,100,{B},411.500\n", writer.ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData(-1, 50, 0.0)]
    [InlineData(0, 101, 0.0)]
    [InlineData(0, -1, 0.0)]
    [InlineData(0, 50, -0.5)]
    [InlineData(0, 50, double.NaN)]
    [InlineData(0, 50, double.PositiveInfinity)]
    public void WriteVpdq_refuses_frames_it_could_not_read_back(int frameNumber, int quality, double timestamp)
    {
        using var writer = new StringWriter();

        var error = Assert.Throws<ArgumentException>(() =>
            HashListWriter.WriteVpdq(writer, [new VpdqFrame(frameNumber, quality, Hash256.Zero, timestamp)]));

        Assert.Equal("frames", error.ParamName);
    }

    [Fact]
    public void Plain_round_trip()
    {
        HashGen.Array[0, 50].Sample(hashes =>
        {
            using var writer = new StringWriter();
            HashListWriter.WritePlain(writer, hashes);

            var result = Read(writer.ToString(), "list.txt");

            Assert.Equal(hashes, result.Entries.Select(e => e.Hash));
            Assert.Equal(Enumerable.Range(1, hashes.Length), result.Entries.Select(e => e.LineNumber));
        });
    }

    [Fact]
    public void Csv_round_trip()
    {
        var entryGen = Gen.Select(HashGen, CsvTextGen, CsvTextGen, (hash, id, label) => new HashListEntry(hash, id, label, 0));
        entryGen.Array[0, 30].Sample(entries =>
        {
            using var writer = new StringWriter();
            HashListWriter.WriteCsv(writer, entries);

            var result = Read(writer.ToString(), "bank.csv");

            // Empty text is written as an empty field, which reads back as "no id / no label".
            Assert.Equal(
                entries.Select(e => (e.Hash, NullIfEmpty(e.Id), NullIfEmpty(e.Label))),
                result.Entries.Select(e => (e.Hash, e.Id, e.Label)));
        });
    }

    [Fact]
    public void Vpdq_round_trip()
    {
        var frameGen = Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[0, 100], HashGen, Gen.Int[0, 100_000_000],
            (frame, quality, hash, millis) => new VpdqFrame(frame, quality, hash, millis / 1000.0));
        frameGen.Array[0, 30].Sample(frames =>
        {
            using var writer = new StringWriter();
            HashListWriter.WriteVpdq(writer, frames);

            var result = Read(writer.ToString(), "clip.vpdq");

            Assert.Equal(frames, result.VpdqFrames);
        });
    }

    [Fact]
    public void Vpdq_round_trip_of_every_fixture_file_is_exact()
    {
        foreach (var path in Directory.EnumerateFiles(Fixtures.Pdq("vpdq"), "*.txt", SearchOption.AllDirectories))
        {
            using var writer = new StringWriter();
            HashListWriter.WriteVpdq(writer, HashListReader.ReadFile(path).VpdqFrames);

            Assert.Equal(File.ReadAllText(path), writer.ToString());
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
