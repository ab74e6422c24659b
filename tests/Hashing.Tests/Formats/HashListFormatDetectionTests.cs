using LiveWatch.Hashing.Formats;
using static LiveWatch.Hashing.Tests.Formats.TestHashes;

namespace LiveWatch.Hashing.Tests.Formats;

public sealed class HashListFormatDetectionTests
{
    private static readonly string PlainText = $"{A}\n{B}\n";
    private static readonly string CsvText = $"hash,id\n{A},1\n";
    private static readonly string VpdqText = $"0,100,{A},0.000\n30,90,{B},1.000\n";

    [Theory]
    [InlineData("list.txt")]
    [InlineData("list.hashes")]
    [InlineData("LIST.PDQ")]
    [InlineData("no-extension")]
    [InlineData("list.dat")]
    public void Plain_content_is_plain(string name) =>
        Assert.Equal(HashListFormat.Plain, Read(PlainText, name).Format);

    [Theory]
    [InlineData("video.txt")]
    [InlineData("video.hashes")]
    [InlineData("video.pdq")]
    [InlineData("video.vpdq")]
    [InlineData("video.VPDQ")]
    [InlineData("video")]
    public void Vpdq_content_is_vpdq_unless_the_name_says_csv(string name) =>
        Assert.Equal(HashListFormat.Vpdq, Read(VpdqText, name).Format);

    [Theory]
    [InlineData("bank.csv")]
    [InlineData("bank.CSV")]
    [InlineData("bank")]
    [InlineData("bank.export")]
    public void Csv_content_without_a_plain_extension_is_csv(string name) =>
        Assert.Equal(HashListFormat.Csv, Read(CsvText, name).Format);

    [Fact]
    public void A_lone_hash_header_without_extension_is_csv() =>
        Assert.Equal([A], Hex(Read($"hash\n{A}\n", "stdin")));

    [Fact]
    public void Csv_content_in_a_txt_file_is_read_as_plain_and_fails_there()
    {
        // .txt means plain unless the content is vPDQ; a CSV header there is a bad plain line, not a guess.
        var error = Reject(CsvText, "bank.txt");

        Assert.Equal(
            "bank.txt:1: a PDQ hash is 64 hex characters, got 7 (the line has commas: is this a CSV or vPDQ file?)\n" +
            "bank.txt:2: a PDQ hash is 64 hex characters, got 66 (the line has commas: is this a CSV or vPDQ file?)",
            error.Message);
    }

    [Fact]
    public void The_csv_extension_wins_over_vpdq_looking_content()
    {
        var error = Reject(VpdqText, "video.csv");

        Assert.StartsWith("video.csv:1: no header row: the first row looks like vPDQ data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sniffing_skips_comments_and_blank_lines()
    {
        var text = $"# exported by vpdq-hash-video\n\n   \n{VpdqText}";

        Assert.Equal(HashListFormat.Vpdq, Read(text, "video.txt").Format);
    }

    [Fact]
    public void Sniffing_sees_past_a_byte_order_mark()
    {
        Assert.Equal(HashListFormat.Vpdq, Read("\uFEFF" + VpdqText, "video.txt").Format);
    }

    [Fact]
    public void Sniffing_does_not_consume_the_lines_it_looked_at()
    {
        var result = Read(VpdqText, "video.txt");

        Assert.Equal([0, 30], result.VpdqFrames.Select(f => f.FrameNumber));
    }

    [Theory]
    [InlineData(HashListFormat.Plain, "bank.csv")]
    [InlineData(HashListFormat.Csv, "bank.txt")]
    [InlineData(HashListFormat.Vpdq, "bank.csv")]
    public void An_explicit_format_overrides_detection(HashListFormat format, string name)
    {
        var text = format switch
        {
            HashListFormat.Plain => PlainText,
            HashListFormat.Csv => CsvText,
            _ => VpdqText,
        };

        var result = Read(text, name, new HashListReadOptions { Format = format });

        Assert.Equal(format, result.Format);
        Assert.NotEmpty(result.Entries);
    }

    [Fact]
    public void An_explicit_format_is_used_even_when_the_content_disagrees()
    {
        var error = Reject(VpdqText, "video.txt", new HashListReadOptions { Format = HashListFormat.Plain });

        Assert.Equal(
            "video.txt:1: a PDQ hash is 64 hex characters, got 76 (the line has commas: is this a CSV or vPDQ file?)",
            error.Errors[0].ToString());
    }

    [Fact]
    public void Empty_input_of_unknown_name_is_an_empty_plain_list()
    {
        var result = Read("", "stdin");

        Assert.Equal(HashListFormat.Plain, result.Format);
        Assert.Empty(result.Entries);
    }

    [Fact]
    public void Rejects_an_undefined_format_value() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HashListReadOptions { Format = (HashListFormat)42 });
}
