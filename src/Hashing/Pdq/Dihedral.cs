namespace LiveWatch.Hashing.Pdq;

/// <summary>
/// The eight symmetries of a square picture. PDQ derives the hash of each transformed picture from the DCT of the
/// original, so a rotated or mirrored copy (a mirrored webcam, a flipped re-stream) can be found by querying all eight.
/// The order is the reference's.
/// </summary>
public enum Dihedral
{
    /// <summary>The picture as it is.</summary>
    Original = 0,

    /// <summary>Rotated 90 degrees.</summary>
    Rotate90 = 1,

    /// <summary>Rotated 180 degrees.</summary>
    Rotate180 = 2,

    /// <summary>Rotated 270 degrees.</summary>
    Rotate270 = 3,

    /// <summary>Mirrored about the horizontal axis.</summary>
    FlipX = 4,

    /// <summary>Mirrored about the vertical axis.</summary>
    FlipY = 5,

    /// <summary>Transposed about the main diagonal.</summary>
    FlipPlus1 = 6,

    /// <summary>Transposed about the anti-diagonal.</summary>
    FlipMinus1 = 7,
}

/// <summary>Short names of the variants, as the reference's tools and LiveWatch's outputs print them.</summary>
public static class DihedralNames
{
    /// <summary>orig, rot90, rot180, rot270, flipx, flipy, flipplus1, flipminus1.</summary>
    public static string ToShortName(this Dihedral variant) => variant switch
    {
        Dihedral.Original => "orig",
        Dihedral.Rotate90 => "rot90",
        Dihedral.Rotate180 => "rot180",
        Dihedral.Rotate270 => "rot270",
        Dihedral.FlipX => "flipx",
        Dihedral.FlipY => "flipy",
        Dihedral.FlipPlus1 => "flipplus1",
        Dihedral.FlipMinus1 => "flipminus1",
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "Unknown dihedral variant."),
    };
}
