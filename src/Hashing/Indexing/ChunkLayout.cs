using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// How multi-index hashing cuts the 256 bits into chunks, and how each chunk key is split into a table index (high
/// bits) and a remainder stored in the table entry (low bits).
/// </summary>
/// <remarks>
/// <para>
/// Bits are dealt round-robin: bit <c>k</c> belongs to chunk <c>k % ChunkCount</c>. PDQ bit <c>k</c> is DCT
/// coefficient (row <c>k / 16</c>, column <c>k % 16</c>), and neighbouring coefficients are correlated on real images,
/// so contiguous chunks would give some chunks skewed keys (long buckets); interleaving spreads every chunk over all
/// rows and columns. Hamming distance does not care how bits are grouped, so correctness never depends on this.
/// </para>
/// <para>
/// A chunk of <c>b</c> bits has <c>h = min(b, TableBits)</c> high bits used as the bucket index (a table of
/// <c>2^h + 1</c> offsets) and <c>s = b - h</c> low bits kept next to the position in each 32-bit entry
/// (<c>position &lt;&lt; s | low</c>), so the table size follows the number of hashes rather than <c>2^b</c>.
/// </para>
/// </remarks>
internal sealed class ChunkLayout
{
    /// <summary>Fewest chunks: keeps every chunk within a 32-bit key.</summary>
    public const int MinChunkCount = 8;

    /// <summary>Most chunks: beyond this, chunks are too short to select anything at 10^5+ hashes.</summary>
    public const int MaxChunkCount = 32;

    /// <summary>Largest table index width (2^26 offsets = 256 MiB per chunk).</summary>
    public const int MaxTableBits = 26;

    private readonly ulong[] _laneMasks;
    private readonly int[] _laneShifts;
    private readonly int[] _chunkBits;
    private readonly int[] _tableBits;

    /// <summary>Creates the layout for <paramref name="chunkCount"/> chunks and table index width <paramref name="tableBits"/>.</summary>
    public ChunkLayout(int chunkCount, int tableBits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkCount, MinChunkCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkCount, MaxChunkCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(tableBits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tableBits, MaxTableBits);

        ChunkCount = chunkCount;
        _laneMasks = new ulong[chunkCount * 4];
        _laneShifts = new int[chunkCount * 4];
        _chunkBits = new int[chunkCount];
        _tableBits = new int[chunkCount];
        for (var bit = 0; bit < 256; bit++)
        {
            _laneMasks[((bit % chunkCount) * 4) + (bit >> 6)] |= 1UL << bit;
        }

        for (var c = 0; c < chunkCount; c++)
        {
            var shift = 0;
            for (var lane = 0; lane < 4; lane++)
            {
                _laneShifts[(c * 4) + lane] = shift;
                shift += BitOperations.PopCount(_laneMasks[(c * 4) + lane]);
            }

            _chunkBits[c] = shift;
            _tableBits[c] = Math.Min(shift, tableBits);
        }

        TableBitsRequested = tableBits;
    }

    /// <summary>Number of chunks <c>m</c>.</summary>
    public int ChunkCount { get; }

    /// <summary>The table index width asked for (chunks shorter than this use their full width).</summary>
    public int TableBitsRequested { get; }

    /// <summary>Bits in chunk <paramref name="chunk"/> (<c>b</c>): 256 / m rounded up or down.</summary>
    public int ChunkBits(int chunk) => _chunkBits[chunk];

    /// <summary>High key bits used as the bucket index (<c>h</c>).</summary>
    public int TableBits(int chunk) => _tableBits[chunk];

    /// <summary>Low key bits stored in the entry (<c>s = b - h</c>).</summary>
    public int LowBits(int chunk) => _chunkBits[chunk] - _tableBits[chunk];

    /// <summary>Largest <c>s</c> over the chunks: positions must fit in <c>32 - s</c> bits.</summary>
    public int MaxLowBits
    {
        get
        {
            var max = 0;
            for (var c = 0; c < ChunkCount; c++)
            {
                max = Math.Max(max, LowBits(c));
            }

            return max;
        }
    }

    /// <summary>The <c>b</c>-bit key of chunk <paramref name="chunk"/> of <paramref name="hash"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Key(in Hash256 hash, int chunk) =>
        Key(ref MemoryMarshal.GetReference(hash.Lanes), chunk);

    /// <summary>The key of chunk <paramref name="chunk"/> of the packed hash whose lane 0 is <paramref name="lanes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Key(ref ulong lanes, int chunk)
    {
        ref var masks = ref _laneMasks[chunk * 4];
        ref var shifts = ref _laneShifts[chunk * 4];
        return (uint)(Extract(lanes, masks) |
                      (Extract(Unsafe.Add(ref lanes, 1), Unsafe.Add(ref masks, 1)) << Unsafe.Add(ref shifts, 1)) |
                      (Extract(Unsafe.Add(ref lanes, 2), Unsafe.Add(ref masks, 2)) << Unsafe.Add(ref shifts, 2)) |
                      (Extract(Unsafe.Add(ref lanes, 3), Unsafe.Add(ref masks, 3)) << Unsafe.Add(ref shifts, 3)));
    }

    /// <summary>Gathers the bits of <paramref name="value"/> selected by <paramref name="mask"/> into the low bits (PEXT).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Extract(ulong value, ulong mask) =>
        Bmi2.X64.IsSupported ? Bmi2.X64.ParallelBitExtract(value, mask) : ExtractPortable(value, mask);

    /// <summary>PEXT without BMI2: one step per selected bit (only used off x64, or in tests).</summary>
    internal static ulong ExtractPortable(ulong value, ulong mask)
    {
        ulong result = 0;
        var outBit = 0;
        while (mask != 0)
        {
            var bit = BitOperations.TrailingZeroCount(mask);
            result |= ((value >> bit) & 1) << outBit++;
            mask &= mask - 1;
        }

        return result;
    }
}
