using System.Text;
using LiveWatch.Hashing.Formats;
using static LiveWatch.Hashing.Tests.Formats.TestHashes;

namespace LiveWatch.Hashing.Tests.Formats;

public sealed class PlainHashListTests
{
    [Fact]
    public void Reads_hashes_ignoring_comments_blank_lines_and_surrounding_whitespace()
    {
        var text =
            "# bank export 2025-01-01\n" +
            "\n" +
            $"{A}\n" +
            $"   {B}\t  \n" +
            "   # indented comment\n" +
            $"{C}  # trailing comment with # inside\n" +
            $"{A}\t#tab before the comment\n";

        var result = Read(text, "bank.txt");

        Assert.Equal(HashListFormat.Plain, result.Format);
        Assert.Equal([A, B, C, A], Hex(result));
        Assert.Equal([3, 4, 6, 7], result.Entries.Select(e => e.LineNumber));
        Assert.All(result.Entries, e => Assert.Null(e.Id));
        Assert.All(result.Entries, e => Assert.Null(e.Label));
        Assert.Empty(result.VpdqFrames);
        Assert.Empty(result.SkippedLines);
        Assert.Equal(7, result.LineCount);
        Assert.Equal("bank.txt", result.Source);
    }

    [Fact]
    public void Accepts_upper_case_hex_and_keeps_the_value()
    {
        var result = Read(A.ToUpperInvariant() + "\n", "bank.txt");

        Assert.Equal([A], Hex(result));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void Accepts_any_line_ending_and_a_missing_final_one(string newLine)
    {
        var result = Read($"{A}{newLine}# c{newLine}{newLine}{B}{newLine}{C}", "bank.txt");

        Assert.Equal([A, B, C], Hex(result));
        Assert.Equal([1, 4, 5], result.Entries.Select(e => e.LineNumber));
    }

    [Fact]
    public void Empty_and_comment_only_files_are_empty_lists()
    {
        Assert.Empty(Read("", "empty.txt").Entries);
        Assert.Empty(Read("# nothing yet\n\n   \n", "comments.txt").Entries);
    }

    [Fact]
    public void Tolerates_a_byte_order_mark_from_a_stream_and_from_text()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"{A}\n{B}\n")).ToArray();
        using var stream = new MemoryStream(bytes);

        var fromStream = HashListReader.Read(stream, "bom.txt");
        var fromText = Read($"\uFEFF{A}\n{B}\n", "bom.txt");

        Assert.Equal([A, B], Hex(fromStream));
        Assert.Equal([A, B], Hex(fromText));
    }

    [Fact]
    public void Reads_utf16_with_a_byte_order_mark()
    {
        using var stream = new MemoryStream(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes($"{A}\r\n")).ToArray());

        Assert.Equal([A], Hex(HashListReader.Read(stream, "utf16.txt")));
    }

    [Theory]
    [InlineData("f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b2", "a PDQ hash is 64 hex characters, got 63")]
    [InlineData("f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22a", "a PDQ hash is 64 hex characters, got 65")]
    [InlineData("g8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22", "character 'g' at position 1 is not a hex digit (0-9, a-f)")]
    [InlineData("f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b2#", "character '#' at position 64 is not a hex digit (0-9, a-f)")]
    [InlineData("f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22 extra", "unexpected text after the hash: 'extra' (one hash per line; a comment starts with '#')")]
    [InlineData("0x f8f8", "a PDQ hash is 64 hex characters, got 2")]
    public void Rejects_a_bad_line_with_file_line_and_reason(string badLine, string reason)
    {
        var error = Reject($"# header\n{A}\n{badLine}\n{B}\n", "bank.txt");

        Assert.Equal($"bank.txt:3: {reason}", error.Message);
        Assert.Equal([new HashListError("bank.txt", 3, reason)], error.Errors);
        Assert.Equal(1, error.ErrorCount);
    }

    [Fact]
    public void Quotes_long_trailing_text_shortened()
    {
        var error = Reject($"{A} {new string('x', 100)}\n", "bank.txt");

        Assert.Equal(
            $"bank.txt:1: unexpected text after the hash: '{new string('x', 37)}...' (one hash per line; a comment starts with '#')",
            error.Message);
    }

    [Fact]
    public void Lists_every_bad_line_when_rejecting()
    {
        var error = Reject($"{A}\nnope\n{B}\n{A[..10]}\n", "bank.txt");

        Assert.Equal(
            "bank.txt:2: a PDQ hash is 64 hex characters, got 4\n" +
            "bank.txt:4: a PDQ hash is 64 hex characters, got 10",
            error.Message);
        Assert.Equal(2, error.ErrorCount);
    }

    [Fact]
    public void Message_lists_the_first_twenty_errors_then_how_many_more()
    {
        var text = string.Concat(Enumerable.Range(1, 25).Select(i => $"bad{i}\n"));

        var error = Reject(text, "bank.txt");

        var messageLines = error.Message.Split('\n');
        Assert.Equal(21, messageLines.Length);
        Assert.Equal("bank.txt:1: a PDQ hash is 64 hex characters, got 4", messageLines[0]);
        Assert.Equal("bank.txt:20: a PDQ hash is 64 hex characters, got 5", messageLines[19]);
        Assert.Equal("and 5 more", messageLines[20]);
        Assert.Equal(25, error.Errors.Count);
        Assert.Equal(25, error.ErrorCount);
    }

    [Fact]
    public void Keeps_at_most_the_configured_number_of_errors_but_counts_them_all()
    {
        var text = string.Concat(Enumerable.Range(1, 50).Select(_ => "bad\n"));

        var error = Reject(text, "bank.txt", new HashListReadOptions { MaxRecordedErrors = 30 });

        Assert.Equal(30, error.Errors.Count);
        Assert.Equal(50, error.ErrorCount);
        Assert.EndsWith("\nand 30 more", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Skip_mode_returns_the_good_lines_and_the_skipped_ones()
    {
        var result = Read($"{A}\nnope\n{B}\n{C} {C}\n{C}\n", "bank.txt", SkipBadLines);

        Assert.Equal([A, B, C], Hex(result));
        Assert.Equal([1, 3, 5], result.Entries.Select(e => e.LineNumber));
        Assert.Equal(
            [
                new HashListError("bank.txt", 2, "a PDQ hash is 64 hex characters, got 4"),
                new HashListError("bank.txt", 4, $"unexpected text after the hash: '{C[..37]}...' (one hash per line; a comment starts with '#')"),
            ],
            result.SkippedLines);
        Assert.Equal(2, result.SkippedLineCount);
    }

    [Fact]
    public void Skip_mode_counts_skipped_lines_beyond_the_recorded_ones()
    {
        var text = string.Concat(Enumerable.Range(1, 10).Select(_ => $"bad\n{A}\n"));

        var result = Read(text, "bank.txt", new HashListReadOptions { SkipBadLines = true, MaxRecordedErrors = 3 });

        Assert.Equal(10, result.Entries.Count);
        Assert.Equal(3, result.SkippedLines.Count);
        Assert.Equal(10, result.SkippedLineCount);
    }

    [Fact]
    public void Rejects_a_line_longer_than_the_limit_even_in_skip_mode()
    {
        var text = $"{A}\n{new string('a', LineReader.MaxLineLength + 10)}\n{B}\n";

        var error = Reject(text, "blob.txt", SkipBadLines);

        Assert.Equal(
            $"blob.txt:2: line is longer than {LineReader.MaxLineLength} characters; this does not look like a hash list",
            error.Message);
    }
}
