using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LiveWatch.Hashing.Pdq;

/// <summary>
/// The 16x16 low-frequency block of the 2-D DCT of a 64x64 buffer, as the reference computes it:
/// <c>B = D * A * transpose(D)</c> with D the 16x64 DCT-II matrix (frequencies 1..16, DC skipped), every element a
/// float sum over k = 0..63 in increasing order starting from 0f. SIMD lanes run over independent outputs, so each
/// output sees exactly the scalar sequence of multiplies and adds.
/// </summary>
internal static class PdqDct
{
    public const int Size = 16;

    // D, row-major 16x64, and its transpose 64x16 for the second product.
    private static readonly float[] s_matrix = BuildMatrix();
    private static readonly float[] s_transposed = Transpose(s_matrix);

    /// <summary>Computes the 16x16 block <paramref name="output"/> (row-major) from the 64x64 <paramref name="input"/>.</summary>
    public static void Compute(ReadOnlySpan<float> input, Span<float> output)
    {
        Span<float> intermediate = stackalloc float[Size * 64];
        if (Vector256.IsHardwareAccelerated)
        {
            LeftProductVector(input, intermediate);
            RightProductVector(intermediate, output);
        }
        else
        {
            LeftProductScalar(input, intermediate);
            RightProductScalar(intermediate, output);
        }
    }

    // T[i][j] = sum_k D[i][k] * A[k][j], i < 16, j < 64.
    internal static void LeftProductScalar(ReadOnlySpan<float> a, Span<float> t)
    {
        for (var i = 0; i < Size; i++)
        {
            for (var j = 0; j < 64; j++)
            {
                var sum = 0f;
                for (var k = 0; k < 64; k++)
                {
                    sum += s_matrix[(i * 64) + k] * a[(k * 64) + j];
                }

                t[(i * 64) + j] = sum;
            }
        }
    }

    // B[i][j] = sum_k T[i][k] * D[j][k], i, j < 16.
    internal static void RightProductScalar(ReadOnlySpan<float> t, Span<float> b)
    {
        for (var i = 0; i < Size; i++)
        {
            for (var j = 0; j < Size; j++)
            {
                var sum = 0f;
                for (var k = 0; k < 64; k++)
                {
                    sum += t[(i * 64) + k] * s_matrix[(j * 64) + k];
                }

                b[(i * Size) + j] = sum;
            }
        }
    }

    internal static void LeftProductVector(ReadOnlySpan<float> a, Span<float> t)
    {
        if (a.Length < 64 * 64 || t.Length < Size * 64)
        {
            throw new ArgumentException("DCT buffers are too small.");
        }

        ref var aRef = ref MemoryMarshal.GetReference(a);
        ref var tRef = ref MemoryMarshal.GetReference(t);
        ref var dRef = ref MemoryMarshal.GetArrayDataReference(s_matrix);
        for (var i = 0; i < Size; i++)
        {
            // Eight accumulators cover the 64 columns; each keeps the k order of the scalar sum.
            Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
            Vector256<float> s4 = default, s5 = default, s6 = default, s7 = default;
            for (nint k = 0; k < 64; k++)
            {
                var d = Vector256.Create(Unsafe.Add(ref dRef, (i * 64) + k));
                ref var row = ref Unsafe.Add(ref aRef, k * 64);
                s0 += d * Vector256.LoadUnsafe(ref row, 0);
                s1 += d * Vector256.LoadUnsafe(ref row, 8);
                s2 += d * Vector256.LoadUnsafe(ref row, 16);
                s3 += d * Vector256.LoadUnsafe(ref row, 24);
                s4 += d * Vector256.LoadUnsafe(ref row, 32);
                s5 += d * Vector256.LoadUnsafe(ref row, 40);
                s6 += d * Vector256.LoadUnsafe(ref row, 48);
                s7 += d * Vector256.LoadUnsafe(ref row, 56);
            }

            ref var outRow = ref Unsafe.Add(ref tRef, i * 64);
            s0.StoreUnsafe(ref outRow, 0);
            s1.StoreUnsafe(ref outRow, 8);
            s2.StoreUnsafe(ref outRow, 16);
            s3.StoreUnsafe(ref outRow, 24);
            s4.StoreUnsafe(ref outRow, 32);
            s5.StoreUnsafe(ref outRow, 40);
            s6.StoreUnsafe(ref outRow, 48);
            s7.StoreUnsafe(ref outRow, 56);
        }
    }

    internal static void RightProductVector(ReadOnlySpan<float> t, Span<float> b)
    {
        if (t.Length < Size * 64 || b.Length < Size * Size)
        {
            throw new ArgumentException("DCT buffers are too small.");
        }

        ref var tRef = ref MemoryMarshal.GetReference(t);
        ref var bRef = ref MemoryMarshal.GetReference(b);
        ref var dtRef = ref MemoryMarshal.GetArrayDataReference(s_transposed);
        for (var i = 0; i < Size; i++)
        {
            Vector256<float> low = default, high = default;
            for (nint k = 0; k < 64; k++)
            {
                var x = Vector256.Create(Unsafe.Add(ref tRef, (i * 64) + k));
                ref var dRow = ref Unsafe.Add(ref dtRef, k * Size);
                low += x * Vector256.LoadUnsafe(ref dRow, 0);
                high += x * Vector256.LoadUnsafe(ref dRow, 8);
            }

            low.StoreUnsafe(ref bRef, (nuint)(i * Size));
            high.StoreUnsafe(ref bRef, (nuint)((i * Size) + 8));
        }
    }

    private static float[] BuildMatrix()
    {
        // The reference keeps the scale factor as a float, multiplies it by the double cosine and stores a float.
        var scale = (float)Math.Sqrt(2.0 / 64.0);
        var matrix = new float[Size * 64];
        for (var i = 0; i < Size; i++)
        {
            for (var j = 0; j < 64; j++)
            {
                matrix[(i * 64) + j] = (float)(scale * Math.Cos(Math.PI / 2 / 64.0 * (i + 1) * ((2 * j) + 1)));
            }
        }

        return matrix;
    }

    private static float[] Transpose(float[] matrix)
    {
        var transposed = new float[64 * Size];
        for (var i = 0; i < Size; i++)
        {
            for (var k = 0; k < 64; k++)
            {
                transposed[(k * Size) + i] = matrix[(i * 64) + k];
            }
        }

        return transposed;
    }
}
