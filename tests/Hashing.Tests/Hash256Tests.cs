using CsCheck;

namespace LiveWatch.Hashing.Tests;

public sealed class Hash256Tests
{
    private const string Bridge = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

    [Fact]
    public void Hex_round_trips_for_random_hashes() =>
        Gen.ULong.Array[4].Sample(lanes =>
        {
            var hash = new Hash256(lanes[0], lanes[1], lanes[2], lanes[3]);
            var text = hash.ToString();
            Assert.Equal(64, text.Length);
            Assert.Equal(text, text.ToLowerInvariant());
            Assert.Equal(hash, Hash256.Parse(text));
        });

    [Fact]
    public void Bytes_round_trip_and_follow_the_hex_order()
    {
        var hash = Hash256.Parse(Bridge);

        var bytes = hash.ToBytes();

        Assert.Equal(Convert.FromHexString(Bridge), bytes);
        Assert.Equal(hash, Hash256.FromBytes(bytes));
    }

    [Fact]
    public void Word_view_puts_word_15_first_in_hex()
    {
        var hash = Hash256.Parse(Bridge);

        Assert.Equal(0xf8f8, hash.GetWord(15));
        Assert.Equal(0x9b22, hash.GetWord(0));
        Span<ushort> words = stackalloc ushort[16];
        hash.CopyWordsTo(words);
        Assert.Equal(hash, Hash256.FromWords(words));
        // Bit k lives in word k >> 4 at position k & 15.
        Assert.Equal((hash.GetWord(0) & 1) == 1, hash.GetBit(0));
        Assert.Equal(((hash.GetWord(15) >> 15) & 1) == 1, hash.GetBit(255));
    }

    [Fact]
    public void Distance_is_the_popcount_of_the_xor() =>
        Gen.Select(Gen.ULong.Array[4], Gen.ULong.Array[4]).Sample((a, b) =>
        {
            var x = new Hash256(a[0], a[1], a[2], a[3]);
            var y = new Hash256(b[0], b[1], b[2], b[3]);
            var expected = 0;
            for (var bit = 0; bit < 256; bit++)
            {
                expected += x.GetBit(bit) != y.GetBit(bit) ? 1 : 0;
            }

            Assert.Equal(expected, x.DistanceTo(y));
            Assert.Equal(expected, (x ^ y).PopCount);
            Assert.Equal(0, x.DistanceTo(x));
        });

    [Theory]
    [InlineData("", "a PDQ hash is 64 hex characters, got 0")]
    [InlineData("f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b2", "a PDQ hash is 64 hex characters, got 63")]
    [InlineData("f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b220", "a PDQ hash is 64 hex characters, got 65")]
    [InlineData("g8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22", "character 'g' at position 1 is not a hex digit (0-9, a-f)")]
    [InlineData("f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b2 ", "character U+0020 at position 64 is not a hex digit (0-9, a-f)")]
    [InlineData("F8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22", "upper-case hex character 'F' at position 1; PDQ hashes are written in lower case")]
    public void Malformed_hex_is_rejected_with_what_and_where(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => Hash256.Parse(text));

        Assert.Equal(message, error.Message);
        Assert.False(Hash256.TryParse(text, out _));
    }

    [Fact]
    public void Upper_case_is_accepted_only_when_asked()
    {
        Assert.Equal(Hash256.Parse(Bridge), Hash256.Parse(Bridge.ToUpperInvariant(), ignoreCase: true));
        Assert.Throws<FormatException>(() => Hash256.Parse(Bridge.ToUpperInvariant()));
    }

    [Fact]
    public void Equality_and_hash_code_follow_the_bits()
    {
        var a = Hash256.Parse(Bridge);
        var b = Hash256.Parse(Bridge);
        var c = new Hash256(a.GetLane(0) ^ 1, a.GetLane(1), a.GetLane(2), a.GetLane(3));

        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != c);
        Assert.Equal(1, a.DistanceTo(c));
    }

    [Fact]
    public void Views_reject_out_of_range_indices()
    {
        var hash = Hash256.Parse(Bridge);

        Assert.Throws<ArgumentOutOfRangeException>(() => hash.GetWord(16));
        Assert.Throws<ArgumentOutOfRangeException>(() => hash.GetBit(256));
        Assert.Throws<ArgumentOutOfRangeException>(() => hash.GetLane(4));
        Assert.Throws<ArgumentException>(() => Hash256.FromBytes(new byte[31]));
    }
}
