namespace LiveWatch.Hashing.Pdq;

/// <summary>
/// Derives the DCT block of a rotated or mirrored picture from the original's 16x16 block: a transpose and/or
/// sign flips of odd-frequency coefficients, exactly as the reference does (no new DCT, negation is exact).
/// </summary>
internal static class DihedralTransform
{
    private const int N = PdqDct.Size;

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

    /// <summary>
    /// The variant whose coefficients are the same multiset as <paramref name="variant"/>'s: each transposing variant
    /// pairs with the non-transposing one that applies the same sign flips (the others pair with themselves).
    /// </summary>
    public static Dihedral SameValuesAs(Dihedral variant) => variant switch
    {
        Dihedral.Rotate90 => Dihedral.FlipY,
        Dihedral.Rotate270 => Dihedral.FlipX,
        Dihedral.FlipPlus1 => Dihedral.Original,
        Dihedral.FlipMinus1 => Dihedral.Rotate180,
        _ => variant,
    };
}
