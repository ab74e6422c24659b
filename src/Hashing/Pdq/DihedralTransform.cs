using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LiveWatch.Hashing.Pdq;

/// <summary>
/// Derives the DCT block of a rotated or mirrored picture from the original's 16x16 block: a transpose and/or
/// sign flips of odd-frequency coefficients, exactly as the reference does (no new DCT, negation is exact).
/// </summary>
/// <remarks>
/// <see cref="Apply"/> is the definition. The hasher takes a shorter road with the same bits: the four variants that
/// keep coefficients in place are sign flips (<see cref="FlipSigns"/>), and each of the other four is the transpose
/// of one of them, holding the same values and so the same median, so its hash is that hash's bits transposed
/// (<see cref="TransposeBits"/>).
/// </remarks>
internal static class DihedralTransform
{
    private const int N = PdqDct.Size;

    /// <summary>The variants that keep every coefficient at its position (only signs change).</summary>
    public static ReadOnlySpan<Dihedral> InPlace => [Dihedral.Original, Dihedral.Rotate180, Dihedral.FlipX, Dihedral.FlipY];

    /// <summary>The variant whose block is the transpose of <paramref name="inPlace"/>'s (one of <see cref="InPlace"/>).</summary>
    public static Dihedral Transposed(Dihedral inPlace) => inPlace switch
    {
        Dihedral.Original => Dihedral.FlipPlus1,
        Dihedral.Rotate180 => Dihedral.FlipMinus1,
        Dihedral.FlipX => Dihedral.Rotate270,
        Dihedral.FlipY => Dihedral.Rotate90,
        _ => throw new ArgumentOutOfRangeException(nameof(inPlace), inPlace, "Not a variant that keeps coefficients in place."),
    };

    /// <summary>
    /// <see cref="Apply"/> for a variant of <see cref="InPlace"/>: flips the sign bits of whole rows' alternate
    /// coefficients, eight at a time.
    /// </summary>
    public static void FlipSigns(Dihedral inPlace, ReadOnlySpan<float> b, Span<float> c)
    {
        var even = Vector256.Create(0x8000_0000u, 0, 0x8000_0000u, 0, 0x8000_0000u, 0, 0x8000_0000u, 0); // j even
        var odd = ~even & Vector256.Create(0x8000_0000u);
        var (evenRows, oddRows) = inPlace switch
        {
            Dihedral.Original => (Vector256<uint>.Zero, Vector256<uint>.Zero),
            Dihedral.Rotate180 => (odd, even), // i + j odd
            Dihedral.FlipX => (Vector256.Create(0x8000_0000u), Vector256<uint>.Zero), // i even
            Dihedral.FlipY => (even, even), // j even
            _ => throw new ArgumentOutOfRangeException(nameof(inPlace), inPlace, "Not a variant that keeps coefficients in place."),
        };

        var source = MemoryMarshal.Cast<float, uint>(b[..(N * N)]);
        var target = MemoryMarshal.Cast<float, uint>(c[..(N * N)]);
        for (var k = 0; k < N * N; k += Vector256<uint>.Count)
        {
            var mask = (k & N) == 0 ? evenRows : oddRows; // row i = k / 16, whose parity is bit 4 of k
            (Vector256.Create(source.Slice(k, Vector256<uint>.Count)) ^ mask).CopyTo(target.Slice(k, Vector256<uint>.Count));
        }
    }

    /// <summary>
    /// The hash of the transposed block: bit <c>i*16 + j</c> becomes bit <c>j*16 + i</c>. Four 8x8 blocks, each
    /// transposed inside a 64-bit word with three delta swaps, the off-diagonal blocks trading places.
    /// </summary>
    public static Hash256 TransposeBits(in Hash256 hash)
    {
        Span<ushort> rows = stackalloc ushort[N];
        hash.CopyWordsTo(rows);
        Span<ulong> blocks = stackalloc ulong[4]; // block (R, C): byte r = bits 8C..8C+7 of row 8R + r
        for (var r = 0; r < 8; r++)
        {
            ulong top = rows[r], bottom = rows[8 + r];
            blocks[0] |= (top & 0xFF) << (8 * r);
            blocks[1] |= (top >> 8) << (8 * r);
            blocks[2] |= (bottom & 0xFF) << (8 * r);
            blocks[3] |= (bottom >> 8) << (8 * r);
        }

        // Transposed matrix: its block (R, C) is the transpose of block (C, R).
        var b00 = Transpose8(blocks[0]);
        var b01 = Transpose8(blocks[2]);
        var b10 = Transpose8(blocks[1]);
        var b11 = Transpose8(blocks[3]);
        for (var r = 0; r < 8; r++)
        {
            rows[r] = (ushort)(((b00 >> (8 * r)) & 0xFF) | (((b01 >> (8 * r)) & 0xFF) << 8));
            rows[8 + r] = (ushort)(((b10 >> (8 * r)) & 0xFF) | (((b11 >> (8 * r)) & 0xFF) << 8));
        }

        return Hash256.FromWords(rows);
    }

    // Bit 8r + c <-> bit 8c + r (Hacker's Delight, transpose8).
    private static ulong Transpose8(ulong x)
    {
        var t = (x ^ (x >> 7)) & 0x00AA_00AA_00AA_00AAUL;
        x ^= t ^ (t << 7);
        t = (x ^ (x >> 14)) & 0x0000_CCCC_0000_CCCCUL;
        x ^= t ^ (t << 14);
        t = (x ^ (x >> 28)) & 0x0000_0000_F0F0_F0F0UL;
        return x ^ t ^ (t << 28);
    }

    public static void Apply(Dihedral variant, ReadOnlySpan<float> b, Span<float> c)
    {
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < N; j++)
            {
                var value = b[(i * N) + j];
                var iOdd = (i & 1) == 1;
                var jOdd = (j & 1) == 1;
                var sumOdd = ((i + j) & 1) == 1;
                switch (variant)
                {
                    case Dihedral.Original:
                        c[(i * N) + j] = value;
                        break;
                    case Dihedral.Rotate90:
                        c[(j * N) + i] = jOdd ? value : -value;
                        break;
                    case Dihedral.Rotate180:
                        c[(i * N) + j] = sumOdd ? -value : value;
                        break;
                    case Dihedral.Rotate270:
                        c[(j * N) + i] = iOdd ? value : -value;
                        break;
                    case Dihedral.FlipX:
                        c[(i * N) + j] = iOdd ? value : -value;
                        break;
                    case Dihedral.FlipY:
                        c[(i * N) + j] = jOdd ? value : -value;
                        break;
                    case Dihedral.FlipPlus1:
                        c[(j * N) + i] = value;
                        break;
                    case Dihedral.FlipMinus1:
                        c[(j * N) + i] = sumOdd ? -value : value;
                        break;
                    default:
                        throw new ArgumentOutOfRangeException(nameof(variant), variant, "Unknown dihedral variant.");
                }
            }
        }
    }
}
