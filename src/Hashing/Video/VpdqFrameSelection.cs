namespace LiveWatch.Hashing.Video;

/// <summary>
/// Which decoded frames the vPDQ reference hasher hashes: frame <c>n</c> is hashed iff
/// <c>n % max(1, (int)(secondsPerHash * fps)) == 0</c>, so <c>secondsPerHash</c> 0 (or a product below 1, e.g. for
/// a stream slower than one frame per second) hashes every frame.
/// </summary>
public static class VpdqFrameSelection
{
    /// <summary>
    /// The distance in frames between two hashed frames: <c>max(1, (int)(secondsPerHash * framesPerSecond))</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="framesPerSecond"/> is not a positive finite number, or <paramref name="secondsPerHash"/> is
    /// negative or not finite.
    /// </exception>
    public static long FrameInterval(double framesPerSecond, double secondsPerHash)
    {
        if (!double.IsFinite(framesPerSecond) || framesPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(framesPerSecond), framesPerSecond, "Frames per second must be a positive finite number.");
        }

        if (!double.IsFinite(secondsPerHash) || secondsPerHash < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(secondsPerHash), secondsPerHash, "Seconds per hash must be zero (every frame) or a positive finite number.");
        }

        // The reference truncates the product toward zero with a C cast to int. Clamping before the cast keeps an
        // absurdly long interval well defined here (only frame 0 is hashed) where the C++ cast would be undefined.
        var product = Math.Floor(secondsPerHash * framesPerSecond);
        if (product >= long.MaxValue)
        {
            return long.MaxValue;
        }

        return Math.Max(1L, (long)product);
    }

    /// <summary>Whether the vPDQ reference would hash the decoded frame with index <paramref name="frameIndex"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="frameIndex"/> is negative, or the rates are invalid (see <see cref="FrameInterval"/>).
    /// </exception>
    public static bool ShouldHash(long frameIndex, double framesPerSecond, double secondsPerHash)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frameIndex);
        return frameIndex % FrameInterval(framesPerSecond, secondsPerHash) == 0;
    }
}
