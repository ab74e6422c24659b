using LiveWatch.Hashing;

namespace LiveWatch.LoadTest;

/// <summary>Random 256-bit hashes, the stand-in for a bank of known images (benign: nothing is derived from real imagery).</summary>
public static class RandomHashes
{
    public static Hash256[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        var hashes = new Hash256[count];
        Span<byte> bytes = stackalloc byte[32];
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(bytes);
            hashes[i] = new Hash256(
                BitConverter.ToUInt64(bytes), BitConverter.ToUInt64(bytes[8..]), BitConverter.ToUInt64(bytes[16..]), BitConverter.ToUInt64(bytes[24..]));
        }

        return hashes;
    }
}
