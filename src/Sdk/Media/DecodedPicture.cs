using LiveWatch.Hashing.Pdq;

namespace LiveWatch.Sdk.Media;

/// <summary>A picture decoded to tightly packed 8-bit pixels, ready for <see cref="PdqHasher"/>.</summary>
public sealed record DecodedPicture(int Width, int Height, PixelFormat Format, byte[] Pixels)
{
    /// <summary>Number of colour channels (1 for grey, 3 for RGB).</summary>
    public int Channels => Format.BytesPerPixel();
}
