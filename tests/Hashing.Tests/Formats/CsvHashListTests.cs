using System.Text;
using LiveWatch.Hashing.Formats;
using static LiveWatch.Hashing.Tests.Formats.TestHashes;

namespace LiveWatch.Hashing.Tests.Formats;

public sealed class CsvHashListTests
{
    [Fact]
    public void Reads_hash_id_and_label_columns()
    {
        var result = Read($"hash,id,label\n{A},ncmec-1,first\n{B},ncmec-2,second\n", "bank.csv");

        Assert.Equal(HashListFormat.Csv, result.Format);
        Assert.Equal(
            [
                new HashListEntry(Hash256.Parse(A), "ncmec-1", "first", 2),
                new HashListEntry(Hash256.Parse(B), "ncmec-2", "second", 3),
            ],
            result.Entries);
    }

    [Fact]
    public void Header_names_are_case_insensitive_any_order_and_other_columns_are_ignored()
    {
        var result = Read($" Label ,source,HASH, Id\nL1,te,{A},7\n", "bank.csv");

        Assert.Equal([new HashListEntry(Hash256.Parse(A), "7", "L1", 2)], result.Entries);
    }

    [Fact]
    public void Hash_only_lists_have_no_ids_or_labels()
    {
        var result = Read($"hash\n{A}\n{B}\n", "bank.csv");

        Assert.Equal([A, B], Hex(result));
        Assert.All(result.Entries, e => Assert.Null(e.Id));
        Assert.All(result.Entries, e => Assert.Null(e.Label));
    }

    [Fact]
    public void Empty_id_and_label_fields_are_null_and_the_hash_may_have_spaces_and_upper_case()
    {
        var result = Read($"hash,id,label\n  {A.ToUpperInvariant()} ,,\n", "bank.csv");

        Assert.Equal([new HashListEntry(Hash256.Parse(A), null, null, 2)], result.Entries);
    }

    [Fact]
    public void Quoted_fields_hold_commas_doubled_quotes_and_line_breaks()
    {
        var text =
            "hash,id,label\r\n" +
            $"\"{A}\",\"id,with,commas\",\"say \"\"hi\"\"\"\r\n" +
            $"{B},2,\"two\r\nlines\"\r\n" +
            $"{C},3,\"lf\nonly\"\r\n" +
            $"{A},\"\",\"\"\"\"\r\n";

        var result = Read(text, "bank.csv");

        Assert.Equal(
            [
                new HashListEntry(Hash256.Parse(A), "id,with,commas", "say \"hi\"", 2),
                new HashListEntry(Hash256.Parse(B), "2", "two\r\nlines", 3),
                new HashListEntry(Hash256.Parse(C), "3", "lf\nonly", 5),
                new HashListEntry(Hash256.Parse(A), null, "\"", 7),
            ],
            result.Entries);
        Assert.Equal(7, result.LineCount);
    }

    [Fact]
    public void Crlf_files_and_a_missing_final_line_break_are_fine()
    {
        var result = Read($"hash,id\r\n{A},1\r\n{B},2", "bank.csv");

        Assert.Equal([A, B], Hex(result));
        Assert.Equal(["1", "2"], result.Entries.Select(e => e.Id));
    }

    [Fact]
    public void Blank_lines_between_records_are_skipped()
    {
        var result = Read($"\nhash,id\n\n{A},1\n   \n{B},2\n\n", "bank.csv");

        Assert.Equal([A, B], Hex(result));
        Assert.Equal([4, 6], result.Entries.Select(e => e.LineNumber));
    }

    [Fact]
    public void Tolerates_a_byte_order_mark()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"hash,id\n{A},1\n")).ToArray());

        var result = HashListReader.Read(stream, "bank.csv");

        Assert.Equal([new HashListEntry(Hash256.Parse(A), "1", null, 2)], result.Entries);
    }

    [Fact]
    public void An_empty_file_is_an_empty_list()
    {
        Assert.Empty(Read("", "bank.csv").Entries);
        Assert.Empty(Read("\r\n\r\n", "bank.csv").Entries);
    }

    [Fact]
    public void A_header_alone_is_an_empty_list()
    {
        Assert.Empty(Read("hash,id,label\n", "bank.csv").Entries);
    }

    [Fact]
    public void Rejects_a_bad_hash_naming_file_line_and_column()
    {
        var rows = Enumerable.Range(2, 10).Select(i => $"{A},id{i},ok").ToList();
        rows.Add($"{A[..63]},id12,short");
        var text = "hash,id,label\n" + string.Join("\n", rows) + "\n";

        var error = Reject(text, "bank.csv");

        Assert.Equal("bank.csv:12: column 'hash': a PDQ hash is 64 hex characters, got 63", error.Message);
        Assert.Equal([new HashListError("bank.csv", 12, "column 'hash': a PDQ hash is 64 hex characters, got 63")], error.Errors);
    }

    [Fact]
    public void Rejects_rows_with_a_different_column_count()
    {
        var error = Reject($"hash,id,label\n{A},1\n{B},2,two,extra\n{C},3,three\n", "bank.csv");

        Assert.Equal(
            "bank.csv:2: row has 2 columns, the header has 3\n" +
            "bank.csv:3: row has 4 columns, the header has 3",
            error.Message);
    }

    [Fact]
    public void Rejects_a_file_without_header_even_in_skip_mode()
    {
        var error = Reject($"{A},1,first\n{B},2,second\n", "bank.csv", SkipBadLines);

        Assert.Equal(
            "bank.csv:1: no header row: the first row must name the columns, including 'hash', but column 1 holds a hash",
            error.Message);
    }

    [Fact]
    public void Rejects_a_header_without_hash_column_listing_what_it_has()
    {
        var error = Reject($"md5,id\nabc,1\n", "bank.csv");

        Assert.Equal("bank.csv:1: header row has no 'hash' column (it has 'md5,id')", error.Message);
    }

    [Theory]
    [InlineData("hash,id,HASH", "header row: column 'hash' appears twice (columns 1 and 3)")]
    [InlineData("hash,id,Id", "header row: column 'id' appears twice (columns 2 and 3)")]
    [InlineData("label,hash,label", "header row: column 'label' appears twice (columns 1 and 3)")]
    public void Rejects_a_duplicated_known_column(string header, string reason)
    {
        var error = Reject($"{header}\n{A},1,2\n", "bank.csv", SkipBadLines);

        Assert.Equal($"bank.csv:1: {reason}", error.Message);
    }

    [Fact]
    public void Points_vpdq_data_read_as_csv_at_the_vpdq_format()
    {
        var error = Reject($"0,100,{A},0.000\n", "video.csv");

        Assert.Equal(
            "video.csv:1: no header row: the first row looks like vPDQ data (frame,quality,hash,timestamp); " +
            "read the file as vPDQ, or add a header row naming a 'hash' column",
            error.Message);
    }

    [Fact]
    public void Rejects_a_quote_inside_an_unquoted_field()
    {
        var error = Reject($"hash,label\n{A},say \"hi\"\n", "bank.csv");

        Assert.Equal(
            "bank.csv:2: column 2: a quote inside an unquoted field (put the whole field in quotes and write the quote as two quotes)",
            error.Message);
    }

    [Fact]
    public void Rejects_text_after_a_closing_quote()
    {
        var error = Reject($"hash,label\n{A},\"x\"y\n", "bank.csv");

        Assert.Equal(
            "bank.csv:2: column 2: unexpected 'y' after the closing quote (a quote inside a quoted field is written as two quotes)",
            error.Message);
    }

    [Fact]
    public void Rejects_a_quoted_field_that_is_never_closed()
    {
        var error = Reject($"hash,label\n{A},ok\n{B},\"open\nstill open\n", "bank.csv");

        Assert.Equal(
            "bank.csv:3: column 2: the quoted field opened on line 3 is not closed before the end of the file",
            error.Message);
    }

    [Fact]
    public void Rejects_a_malformed_header_row()
    {
        var error = Reject("hash,\"label\n", "bank.csv", SkipBadLines);

        Assert.Equal(
            "bank.csv:1: header row: column 2: the quoted field opened on line 1 is not closed before the end of the file",
            error.Message);
    }

    [Fact]
    public void Skip_mode_keeps_good_rows_after_bad_ones()
    {
        var text =
            "hash,id,label\n" +
            $"{A},1,one\n" +
            $"{B},2\n" +
            $"{C[..10]},3,three\n" +
            $"{C},4,\"x\"y\n" +
            $"{C},5,\"five\"\n";

        var result = Read(text, "bank.csv", SkipBadLines);

        Assert.Equal(
            [new HashListEntry(Hash256.Parse(A), "1", "one", 2), new HashListEntry(Hash256.Parse(C), "5", "five", 6)],
            result.Entries);
        Assert.Equal([3, 4, 5], result.SkippedLines.Select(e => e.Line));
        Assert.Equal(3, result.SkippedLineCount);
    }
}
