namespace LiveWatch.Hashing.Pdq;

/// <summary>
/// The reference CLI's pre-resize (CImg nearest neighbour, aspect ratio not kept): the source column for output
/// column x is <c>floor(x * W / outW)</c> in double arithmetic, and likewise for rows.
/// </summary>
internal static class NearestNeighbourResizer
{
    public static void Resize(ReadOnlySpan<byte> source, int width, int height, int bytesPerPixel,
        Span<byte> destination, int outWidth, int outHeight)
    {
        Span<int> columnOffsets = outWidth <= 1024 ? stackalloc int[outWidth] : new int[outWidth];
        for (var x = 0; x < outWidth; x++)
        {
            columnOffsets[x] = (int)Math.Floor((double)x * width / outWidth) * bytesPerPixel;
        }

        var rowBytes = width * bytesPerPixel;
        var outRowBytes = outWidth * bytesPerPixel;
        for (var y = 0; y < outHeight; y++)
        {
            var sourceRow = source.Slice((int)Math.Floor((double)y * height / outHeight) * rowBytes, rowBytes);
            var destRow = destination.Slice(y * outRowBytes, outRowBytes);
            for (var x = 0; x < outWidth; x++)
            {
                sourceRow.Slice(columnOffsets[x], bytesPerPixel).CopyTo(destRow.Slice(x * bytesPerPixel, bytesPerPixel));
            }
        }
    }
}
