using LiveWatch.Hashing;

namespace LiveWatch.Hashing.Tests.Indexing;

/// <summary>Deterministic hash generators: uniform, PDQ-like (exactly 128 bits set), near copies and clusters.</summary>
internal static class IndexTestData
{
    public static Hash256 RandomHash(Random random) =>
        new((ulong)random.NextInt64() ^ ((ulong)random.Next() << 63), (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63),
            (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63), (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63));

    /// <summary>A hash with exactly 128 of 256 bits set, like a PDQ hash thresholded at the median.</summary>
    public static Hash256 BalancedHash(Random random)
    {
        Span<int> bits = stackalloc int[256];
        for (var i = 0; i < 256; i++)
        {
            bits[i] = i;
        }

        Span<ulong> lanes = stackalloc ulong[4];
        for (var i = 0; i < 128; i++)
        {
            var j = random.Next(i, 256);
            (bits[i], bits[j]) = (bits[j], bits[i]);
            lanes[bits[i] >> 6] |= 1UL << bits[i];
        }

        return new Hash256(lanes[0], lanes[1], lanes[2], lanes[3]);
    }

    /// <summary><paramref name="hash"/> with exactly <paramref name="distance"/> distinct bits flipped.</summary>
    public static Hash256 AtDistance(Hash256 hash, int distance, Random random)
    {
        Span<ulong> lanes = stackalloc ulong[4];
        hash.Lanes.CopyTo(lanes);
        Span<ulong> flipped = stackalloc ulong[4];
        var done = 0;
        while (done < distance)
        {
            var bit = random.Next(256);
            if ((flipped[bit >> 6] & (1UL << bit)) != 0)
            {
                continue;
            }

            flipped[bit >> 6] |= 1UL << bit;
            lanes[bit >> 6] ^= 1UL << bit;
            done++;
        }

        return new Hash256(lanes[0], lanes[1], lanes[2], lanes[3]);
    }

    /// <summary><paramref name="hash"/> with a balanced swap of <paramref name="pairs"/> set and clear bits (popcount kept).</summary>
    public static Hash256 BalancedAtDistance(Hash256 hash, int pairs, Random random)
    {
        Span<ulong> lanes = stackalloc ulong[4];
        hash.Lanes.CopyTo(lanes);
        for (int ones = 0, zeros = 0; ones < pairs || zeros < pairs;)
        {
            var bit = random.Next(256);
            var set = (hash.GetLane(bit >> 6) & (1UL << bit)) != 0;
            var stillSame = (lanes[bit >> 6] & (1UL << bit)) == (hash.GetLane(bit >> 6) & (1UL << bit));
            if (!stillSame || (set ? ones >= pairs : zeros >= pairs))
            {
                continue;
            }

            lanes[bit >> 6] ^= 1UL << bit;
            if (set)
            {
                ones++;
            }
            else
            {
                zeros++;
            }
        }

        return new Hash256(lanes[0], lanes[1], lanes[2], lanes[3]);
    }

    public static Hash256[] Uniform(int count, int seed)
    {
        var random = new Random(seed);
        var hashes = new Hash256[count];
        for (var i = 0; i < count; i++)
        {
            hashes[i] = RandomHash(random);
        }

        return hashes;
    }

    public static Hash256[] Balanced(int count, int seed)
    {
        var random = new Random(seed);
        var hashes = new Hash256[count];
        for (var i = 0; i < count; i++)
        {
            hashes[i] = BalancedHash(random);
        }

        return hashes;
    }

    /// <summary>
    /// <paramref name="clusters"/> centres, each with near copies within <paramref name="spread"/> bits, filling
    /// <paramref name="count"/> hashes: the worst case for chunk-based indexes (huge buckets).
    /// </summary>
    public static Hash256[] Clustered(int count, int clusters, int spread, int seed)
    {
        var random = new Random(seed);
        var centres = new Hash256[clusters];
        for (var i = 0; i < clusters; i++)
        {
            centres[i] = BalancedHash(random);
        }

        var hashes = new Hash256[count];
        for (var i = 0; i < count; i++)
        {
            hashes[i] = AtDistance(centres[i % clusters], random.Next(spread + 1), random);
        }

        return hashes;
    }

    public static long[] SequentialIds(int count, long first = 0)
    {
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = first + i;
        }

        return ids;
    }

    /// <summary>
    /// Needles for a stored set: half are near copies of stored hashes (at distances spread over 0..40), half fresh.
    /// </summary>
    public static Hash256[] NeedlesFor(Hash256[] stored, int count, int seed)
    {
        var random = new Random(seed);
        var needles = new Hash256[count];
        for (var i = 0; i < count; i++)
        {
            needles[i] = i % 2 == 0 && stored.Length > 0
                ? AtDistance(stored[random.Next(stored.Length)], random.Next(41), random)
                : RandomHash(random);
        }

        return needles;
    }

    /// <summary>The 8 "dihedral-like" needles of a query: a base and 7 near or far variants.</summary>
    public static Hash256[] NeedleGroup(Hash256 first, Random random)
    {
        var group = new Hash256[8];
        group[0] = first;
        for (var k = 1; k < 8; k++)
        {
            group[k] = k % 2 == 0 ? AtDistance(first, random.Next(1, 40), random) : RandomHash(random);
        }

        return group;
    }
}
