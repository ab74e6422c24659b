namespace LiveWatch.Hashing.Pdq;

/// <summary>Layout of an 8-bit pixel buffer handed to <see cref="PdqHasher"/>. Rows are tightly packed.</summary>
public enum PixelFormat
{
    /// <summary>One byte per pixel; the grey value is the luma (the reference's <c>fillFloatLumaFromGrey</c>).</summary>
    Gray8,

    /// <summary>Three bytes per pixel, R G B.</summary>
    Rgb24,

    /// <summary>Three bytes per pixel, B G R.</summary>
    Bgr24,

    /// <summary>Four bytes per pixel, R G B A; alpha is ignored, as the reference does.</summary>
    Rgba32,

    /// <summary>Four bytes per pixel, B G R A; alpha is ignored.</summary>
    Bgra32,
}

/// <summary>Facts about <see cref="PixelFormat"/> values.</summary>
public static class PixelFormatInfo
{
    /// <summary>Bytes per pixel of <paramref name="format"/>.</summary>
    public static int BytesPerPixel(this PixelFormat format) => format switch
    {
        PixelFormat.Gray8 => 1,
        PixelFormat.Rgb24 or PixelFormat.Bgr24 => 3,
        PixelFormat.Rgba32 or PixelFormat.Bgra32 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown pixel format."),
    };
}
