namespace LiveWatch.Ingest.Sampling;

/// <summary>
/// How a canvas carries its frame's stream time through ffmpeg's rawvideo pipe, which carries none: the 64x64 canvas
/// is padded to 64x65 and geq writes the pts in milliseconds into the extra row, bit X as 0 or 255 in column X.
/// Full-scale bits survive any rounding, and the timestamp can never drift from its canvas as a side channel could.
/// </summary>
public static class CanvasTimestamp
{
    public const int Side = 64;

    /// <summary>Bits of milliseconds carried: 2^48 ms is ~8,900 years of stream time.</summary>
    public const int Bits = 48;

    /// <summary>Bytes per frame on the pipe: the canvas and the timestamp row.</summary>
    public const int FrameBytes = Side * (Side + 1);

    /// <summary>The filters that turn a grey 64x64 canvas into the 64x65 frame (commas escaped for a filter graph).</summary>
    public static string Filter =>
        $"pad={Side}:{Side + 1}:0:0,geq=lum='if(eq(Y\\,{Side})\\,if(lt(X\\,{Bits})\\,mod(floor(max(T\\,0)*1000/pow(2\\,X))\\,2)*255\\,0)\\,lum(X\\,Y))'";

    /// <summary>The stream time in seconds carried by a 64x65 frame.</summary>
    public static double ReadSeconds(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < FrameBytes)
        {
            throw new ArgumentException($"A frame is {FrameBytes} bytes.", nameof(frame));
        }

        var row = frame.Slice(Side * Side, Bits);
        long milliseconds = 0;
        for (var bit = 0; bit < Bits; bit++)
        {
            if (row[bit] >= 128)
            {
                milliseconds |= 1L << bit;
            }
        }

        return milliseconds / 1000.0;
    }
}
