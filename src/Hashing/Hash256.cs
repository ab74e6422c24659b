using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveWatch.Hashing;

/// <summary>
/// A 256-bit perceptual hash (PDQ). Bit <c>k</c> is bit <c>k &amp; 63</c> of 64-bit lane <c>k &gt;&gt; 6</c>, which is
/// the same as bit <c>k &amp; 15</c> of PDQ word <c>k &gt;&gt; 4</c>: word <c>i</c> holds DCT row <c>i</c>.
/// The text form is the reference's: the 16 words as <c>%04x</c>, word 15 first, i.e. the 256-bit number in hex.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Hash256 : IEquatable<Hash256>, ISpanFormattable
{
    /// <summary>Number of characters in the hex form.</summary>
    public const int HexLength = 64;

    /// <summary>Number of bytes in the binary form.</summary>
    public const int ByteLength = 32;

    // Lane 0 holds bits 0..63 (PDQ words 0..3).
    private readonly ulong _l0;
    private readonly ulong _l1;
    private readonly ulong _l2;
    private readonly ulong _l3;

    /// <summary>Creates a hash from its four 64-bit lanes, lane 0 holding bits 0..63.</summary>
    public Hash256(ulong lane0, ulong lane1, ulong lane2, ulong lane3)
    {
        _l0 = lane0;
        _l1 = lane1;
        _l2 = lane2;
        _l3 = lane3;
    }

    /// <summary>The all-zero hash (what PDQ returns for images smaller than 5x5).</summary>
    public static Hash256 Zero => default;

    /// <summary>Lane <paramref name="index"/> (0..3); lane 0 holds bits 0..63.</summary>
    public ulong GetLane(int index) => index switch
    {
        0 => _l0,
        1 => _l1,
        2 => _l2,
        3 => _l3,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "A Hash256 has lanes 0..3."),
    };

    /// <summary>PDQ word <paramref name="index"/> (0..15): word <c>i</c> holds the bits of DCT row <c>i</c>.</summary>
    public ushort GetWord(int index)
    {
        if ((uint)index > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "A Hash256 has words 0..15.");
        }

        return (ushort)(GetLane(index >> 2) >> ((index & 3) * 16));
    }

    /// <summary>Bit <paramref name="index"/> (0..255).</summary>
    public bool GetBit(int index)
    {
        if ((uint)index > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "A Hash256 has bits 0..255.");
        }

        return ((GetLane(index >> 6) >> (index & 63)) & 1) != 0;
    }

    /// <summary>Number of set bits.</summary>
    public int PopCount =>
        BitOperations.PopCount(_l0) + BitOperations.PopCount(_l1) + BitOperations.PopCount(_l2) + BitOperations.PopCount(_l3);

    /// <summary>The four lanes as a read-only span over this value (no copy).</summary>
    [UnscopedRef]
    public ReadOnlySpan<ulong> Lanes => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef(in _l0), 4);

    /// <summary>Creates a hash from 16 PDQ words (word 0 = DCT row 0).</summary>
    public static Hash256 FromWords(ReadOnlySpan<ushort> words)
    {
        if (words.Length != 16)
        {
            throw new ArgumentException($"A PDQ hash has 16 words, got {words.Length}.", nameof(words));
        }

        Span<ulong> lanes = stackalloc ulong[4];
        for (var i = 0; i < 16; i++)
        {
            lanes[i >> 2] |= (ulong)words[i] << ((i & 3) * 16);
        }

        return new Hash256(lanes[0], lanes[1], lanes[2], lanes[3]);
    }

    /// <summary>Writes the 16 PDQ words (word 0 = DCT row 0).</summary>
    public void CopyWordsTo(Span<ushort> destination)
    {
        if (destination.Length < 16)
        {
            throw new ArgumentException($"Need room for 16 words, got {destination.Length}.", nameof(destination));
        }

        for (var i = 0; i < 16; i++)
        {
            destination[i] = GetWord(i);
        }
    }

    /// <summary>
    /// Creates a hash from its 32-byte binary form: the bytes of the hex form in order (big-endian, word 15 first),
    /// which is how ThreatExchange and HMA exchange PDQ hashes in binary.
    /// </summary>
    public static Hash256 FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != ByteLength)
        {
            throw new ArgumentException($"A PDQ hash is {ByteLength} bytes, got {bytes.Length}.", nameof(bytes));
        }

        return new Hash256(
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes));
    }

    /// <summary>Writes the 32-byte binary form (see <see cref="FromBytes"/>).</summary>
    public void CopyBytesTo(Span<byte> destination)
    {
        if (destination.Length < ByteLength)
        {
            throw new ArgumentException($"Need room for {ByteLength} bytes, got {destination.Length}.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, _l3);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _l2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _l1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _l0);
    }

    /// <summary>The 32-byte binary form as a new array.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[ByteLength];
        CopyBytesTo(bytes);
        return bytes;
    }

    /// <summary>Hamming distance: the number of differing bits (0..256).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DistanceTo(in Hash256 other) =>
        BitOperations.PopCount(_l0 ^ other._l0) + BitOperations.PopCount(_l1 ^ other._l1) +
        BitOperations.PopCount(_l2 ^ other._l2) + BitOperations.PopCount(_l3 ^ other._l3);

    /// <summary>Hamming distance between two hashes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Distance(in Hash256 a, in Hash256 b) => a.DistanceTo(b);

    /// <summary>Bitwise exclusive or.</summary>
    public static Hash256 operator ^(in Hash256 a, in Hash256 b) =>
        new(a._l0 ^ b._l0, a._l1 ^ b._l1, a._l2 ^ b._l2, a._l3 ^ b._l3);

    /// <summary>
    /// Parses the 64-character hex form. Only lowercase <c>0-9a-f</c> is accepted unless
    /// <paramref name="ignoreCase"/> is set (for formats that allow upper case); anything else is rejected with a
    /// <see cref="FormatException"/> that says what was wrong and where.
    /// </summary>
    public static Hash256 Parse(ReadOnlySpan<char> text, bool ignoreCase = false)
    {
        if (TryParseCore(text, ignoreCase, out var hash, out var error))
        {
            return hash;
        }

        throw new FormatException(error);
    }

    /// <summary>Parses the hex form; see <see cref="Parse(ReadOnlySpan{char}, bool)"/>.</summary>
    public static Hash256 Parse(string text, bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.AsSpan(), ignoreCase);
    }

    /// <summary>Tries to parse the hex form; <paramref name="error"/> says why it failed.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Hash256 hash, [NotNullWhen(false)] out string? error, bool ignoreCase = false) =>
        TryParseCore(text, ignoreCase, out hash, out error);

    /// <summary>Tries to parse the hex form.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Hash256 hash, bool ignoreCase = false) =>
        TryParseCore(text, ignoreCase, out hash, out _);

    private static bool TryParseCore(ReadOnlySpan<char> text, bool ignoreCase, out Hash256 hash, [NotNullWhen(false)] out string? error)
    {
        hash = default;
        if (text.Length != HexLength)
        {
            error = $"a PDQ hash is {HexLength} hex characters, got {text.Length}";
            return false;
        }

        // Fast path: a table lookup per character; anything unexpected falls through to the explaining loop below.
        var table = ignoreCase ? s_hexAnyCase : s_hexLower;
        Span<ulong> lanes = stackalloc ulong[4];
        var valid = true;
        for (var lane = 0; lane < 4 && valid; lane++)
        {
            ulong value = 0;
            var chunk = text.Slice(lane * 16, 16);
            for (var i = 0; i < 16; i++)
            {
                var c = chunk[i];
                var nibble = c < 128 ? table[c] : (sbyte)-1;
                if (nibble < 0)
                {
                    valid = false;
                    break;
                }

                value = (value << 4) | (byte)nibble;
            }

            // Character 0 is the most significant nibble of lane 3.
            lanes[3 - lane] = value;
        }

        if (!valid)
        {
            for (var i = 0; i < HexLength; i++)
            {
                var c = text[i];
                var nibble = c < 128 ? table[c] : (sbyte)-1;
                if (nibble < 0)
                {
                    error = c is >= 'A' and <= 'F'
                        ? $"upper-case hex character '{c}' at position {i + 1}; PDQ hashes are written in lower case"
                        : $"character {Describe(c)} at position {i + 1} is not a hex digit (0-9, a-f)";
                    return false;
                }
            }
        }

        hash = new Hash256(lanes[0], lanes[1], lanes[2], lanes[3]);
        error = null;
        return true;
    }

    private static readonly sbyte[] s_hexLower = BuildHexTable(ignoreCase: false);
    private static readonly sbyte[] s_hexAnyCase = BuildHexTable(ignoreCase: true);

    private static sbyte[] BuildHexTable(bool ignoreCase)
    {
        var table = new sbyte[128];
        Array.Fill(table, (sbyte)-1);
        for (var c = '0'; c <= '9'; c++)
        {
            table[c] = (sbyte)(c - '0');
        }

        for (var c = 'a'; c <= 'f'; c++)
        {
            table[c] = (sbyte)(c - 'a' + 10);
            if (ignoreCase)
            {
                table[char.ToUpperInvariant(c)] = (sbyte)(c - 'a' + 10);
            }
        }

        return table;
    }

    private static string Describe(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";

    /// <summary>The 64-character lowercase hex form.</summary>
    public override string ToString() => string.Create(HexLength, this, static (span, h) => h.TryFormat(span, out _));

    /// <summary>Writes the 64-character lowercase hex form.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        if (destination.Length < HexLength)
        {
            charsWritten = 0;
            return false;
        }

        WriteLane(destination, _l3);
        WriteLane(destination[16..], _l2);
        WriteLane(destination[32..], _l1);
        WriteLane(destination[48..], _l0);
        charsWritten = HexLength;
        return true;

        static void WriteLane(Span<char> dest, ulong lane)
        {
            const string digits = "0123456789abcdef";
            for (var i = 15; i >= 0; i--)
            {
                dest[i] = digits[(int)(lane & 0xF)];
                lane >>= 4;
            }
        }
    }

    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(destination, out charsWritten);

    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public bool Equals(Hash256 other) => _l0 == other._l0 && _l1 == other._l1 && _l2 == other._l2 && _l3 == other._l3;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Hash256 other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_l0, _l1, _l2, _l3);

    /// <summary>Equality of all 256 bits.</summary>
    public static bool operator ==(Hash256 left, Hash256 right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Hash256 left, Hash256 right) => !left.Equals(right);
}
