using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LiveWatch.Hashing.Pdq;

/// <summary>
/// The reference's downsampling to 64x64: two passes of a box filter along rows then columns (a Jarosz tent
/// filter), then decimation. Every output must be float-identical to the reference, so the running sum keeps the
/// reference's exact order of additions and subtractions; speed comes from running many lines side by side in SIMD
/// lanes (each lane does exactly the scalar sequence), never from reordering the arithmetic.
/// </summary>
internal static class JaroszFilter
{
    private const int Passes = 2;
    private const int RowBlock = 8;

    /// <summary>Window size along a line of <paramref name="length"/> samples: ceil(length / 128).</summary>
    public static int WindowSize(int length) => (length + 127) / 128;

    /// <summary>
    /// Filters <paramref name="luma"/> (rows x cols, clobbered) using <paramref name="scratch"/> (same size), then
    /// decimates into <paramref name="output64"/> (64x64).
    /// </summary>
    public static void Downsample(Span<float> luma, Span<float> scratch, int rows, int cols, Span<float> output64)
    {
        var windowAlongRows = WindowSize(cols);
        var windowAlongCols = WindowSize(rows);
        for (var pass = 0; pass < Passes; pass++)
        {
            BoxAlongRows(luma, scratch, rows, cols, windowAlongRows);
            BoxAlongColumns(scratch, luma, rows, cols, windowAlongCols);
        }

        Decimate(luma, rows, cols, output64);
    }

    public static void Decimate(ReadOnlySpan<float> input, int rows, int cols, Span<float> output64)
    {
        Span<int> columns = stackalloc int[64];
        for (var j = 0; j < 64; j++)
        {
            columns[j] = (int)(((j + 0.5) * cols) / 64);
        }

        for (var i = 0; i < 64; i++)
        {
            var row = input.Slice((int)(((i + 0.5) * rows) / 64) * cols, cols);
            var outRow = output64.Slice(i * 64, 64);
            for (var j = 0; j < 64; j++)
            {
                outRow[j] = row[columns[j]];
            }
        }
    }

    /// <summary>Box filter along every row. Blocks of rows are transposed so that each row runs in its own SIMD lane.</summary>
    public static void BoxAlongRows(ReadOnlySpan<float> input, Span<float> output, int rows, int cols, int window)
    {
        var row = 0;
        if (Vector256.IsHardwareAccelerated && rows >= RowBlock)
        {
            var stripIn = ArrayPool<float>.Shared.Rent(cols * RowBlock);
            var stripOut = ArrayPool<float>.Shared.Rent(cols * RowBlock);
            try
            {
                for (; row + RowBlock <= rows; row += RowBlock)
                {
                    var block = input.Slice(row * cols, cols * RowBlock);
                    for (var r = 0; r < RowBlock; r++)
                    {
                        var source = block.Slice(r * cols, cols);
                        for (var c = 0; c < source.Length; c++)
                        {
                            stripIn[(c * RowBlock) + r] = source[c];
                        }
                    }

                    BoxLanes(stripIn, stripOut, cols, RowBlock, 0, window);

                    var target = output.Slice(row * cols, cols * RowBlock);
                    for (var r = 0; r < RowBlock; r++)
                    {
                        var dest = target.Slice(r * cols, cols);
                        for (var c = 0; c < dest.Length; c++)
                        {
                            dest[c] = stripOut[(c * RowBlock) + r];
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(stripIn);
                ArrayPool<float>.Shared.Return(stripOut);
            }
        }

        for (; row < rows; row++)
        {
            Box1D(input, output, row * cols, cols, 1, window);
        }
    }

    /// <summary>Box filter along every column; adjacent columns run in SIMD lanes.</summary>
    public static void BoxAlongColumns(ReadOnlySpan<float> input, Span<float> output, int rows, int cols, int window)
    {
        var col = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; col + Vector256<float>.Count <= cols; col += Vector256<float>.Count)
            {
                BoxLanes(input, output, rows, cols, col, window);
            }
        }

        for (; col < cols; col++)
        {
            Box1D(input, output, col, rows, cols, window);
        }
    }

    /// <summary>
    /// The reference's one-dimensional box filter over <paramref name="length"/> samples starting at
    /// <paramref name="start"/>, <paramref name="stride"/> apart: a running float sum with renormalised edges.
    /// </summary>
    public static void Box1D(ReadOnlySpan<float> input, Span<float> output, int start, int length, int stride, int window)
    {
        var half = (window + 2) / 2;
        var phase1 = half - 1;
        var phase2 = window - half + 1;
        var phase3 = length - window;
        var phase4 = half - 1;
        int left = start, right = start, write = start;
        var sum = 0f;
        var count = 0;

        for (var i = 0; i < phase1; i++, right += stride)
        {
            sum += input[right];
            count++;
        }

        for (var i = 0; i < phase2; i++, right += stride, write += stride)
        {
            sum += input[right];
            count++;
            output[write] = sum / count;
        }

        for (var i = 0; i < phase3; i++, right += stride, left += stride, write += stride)
        {
            sum += input[right];
            sum -= input[left];
            output[write] = sum / count;
        }

        for (var i = 0; i < phase4; i++, left += stride, write += stride)
        {
            sum -= input[left];
            count--;
            output[write] = sum / count;
        }
    }

    /// <summary>
    /// <see cref="Box1D"/> for 8 adjacent lines at once: line <c>lane0 + l</c> (l = 0..7) has its samples at
    /// <c>lane0 + l + t * stride</c>. Each lane performs exactly the scalar sequence of float operations.
    /// </summary>
    private static void BoxLanes(ReadOnlySpan<float> input, Span<float> output, int length, int stride, int lane0, int window)
    {
        // The last vector read or written starts at lane0 + (length - 1) * stride and holds 8 floats.
        var last = lane0 + ((length - 1) * stride) + Vector256<float>.Count;
        if (last > input.Length || last > output.Length)
        {
            throw new ArgumentException("Lane block runs past the buffer.", nameof(length));
        }

        ref var src = ref MemoryMarshal.GetReference(input);
        ref var dst = ref MemoryMarshal.GetReference(output);
        var half = (window + 2) / 2;
        var phase1 = half - 1;
        var phase2 = window - half + 1;
        var phase3 = length - window;
        var phase4 = half - 1;
        nint left = lane0, right = lane0, write = lane0;
        var sum = Vector256<float>.Zero;
        var count = 0;

        for (var i = 0; i < phase1; i++, right += stride)
        {
            sum += Load(ref src, right);
            count++;
        }

        for (var i = 0; i < phase2; i++, right += stride, write += stride)
        {
            sum += Load(ref src, right);
            count++;
            Store(sum / Vector256.Create((float)count), ref dst, write);
        }

        var full = Vector256.Create((float)count);
        for (var i = 0; i < phase3; i++, right += stride, left += stride, write += stride)
        {
            sum += Load(ref src, right);
            sum -= Load(ref src, left);
            Store(sum / full, ref dst, write);
        }

        for (var i = 0; i < phase4; i++, left += stride, write += stride)
        {
            sum -= Load(ref src, left);
            count--;
            Store(sum / Vector256.Create((float)count), ref dst, write);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load(ref float origin, nint offset) =>
        Vector256.LoadUnsafe(ref origin, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> value, ref float origin, nint offset) =>
        value.StoreUnsafe(ref origin, (nuint)offset);
}
