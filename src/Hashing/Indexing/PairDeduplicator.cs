using System.Numerics;

namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// Removes repeated (hash, id) pairs from a bulk load, in place, so the indexes keep set semantics without an
/// id-to-position dictionary. It uses a transient open-addressing table of positions (4 bytes per slot, at most 3
/// slots per pair, freed when the load ends): linear time, and robust to clustered data because it hashes the whole
/// pair rather than a chunk of it.
/// </summary>
internal static class PairDeduplicator
{
    private const int PrefetchDistance = 16;

    /// <summary>
    /// Compacts pairs <c>0..count-1</c> of <paramref name="lanes"/>/<paramref name="ids"/> so each distinct pair appears
    /// once, keeping first occurrences in order; the first <paramref name="uniquePrefix"/> pairs are known distinct
    /// (the index's existing content). Returns the new count.
    /// </summary>
    public static int Deduplicate(ulong[] lanes, long[] ids, int uniquePrefix, int count)
    {
        if (count - uniquePrefix <= 0 || count < 2)
        {
            return count;
        }

        // Load factor at most 2/3 (linear probing stays short) and at most 2^30 slots, more than
        // PackedHashSegment.MaxCapacity, so the table never fills. Kept small: on the benchmark VM every fresh MiB
        // costs ~4 ms of page faults, more than the probing itself.
        var size = (int)Math.Min(1u << 30, BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, count + (count / 2))));
        var mask = size - 1;

        // Slot value = position + 1; 0 = empty. Home slots are computed PrefetchDistance pairs ahead and their cache
        // lines prefetched: the table is far larger than the caches, so this overlaps the misses (~2x at 10^7 pairs).
        var table = new int[size];
        Span<int> homes = stackalloc int[PrefetchDistance];
        for (var i = 0; i < Math.Min(PrefetchDistance, count); i++)
        {
            homes[i] = SlotOf(lanes, ids, i, mask);
            CachePrefetch.Prefetch(ref table[homes[i]]);
        }

        for (var i = 0; i < uniquePrefix; i++)
        {
            var slot = NextHome(lanes, ids, table, homes, i, count, mask);
            while (table[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            table[slot] = i + 1;
        }

        var kept = uniquePrefix;
        for (var i = uniquePrefix; i < count; i++)
        {
            var slot = NextHome(lanes, ids, table, homes, i, count, mask);
            var duplicate = false;
            while (table[slot] != 0)
            {
                if (SamePair(lanes, ids, table[slot] - 1, i))
                {
                    duplicate = true;
                    break;
                }

                slot = (slot + 1) & mask;
            }

            if (duplicate)
            {
                continue;
            }

            if (kept != i)
            {
                lanes.AsSpan(i * 4, 4).CopyTo(lanes.AsSpan(kept * 4, 4));
                ids[kept] = ids[i];
            }

            table[slot] = kept + 1;
            kept++;
        }

        return kept;
    }

    // Returns pair i's home slot and computes (and prefetches) the one PrefetchDistance pairs ahead. Pairs are
    // hashed before the compaction moves them, which is fine: a moved pair keeps its content.
    private static int NextHome(ulong[] lanes, long[] ids, int[] table, Span<int> homes, int i, int count, int mask)
    {
        var ring = i % PrefetchDistance;
        var home = homes[ring];
        var ahead = i + PrefetchDistance;
        if (ahead < count)
        {
            homes[ring] = SlotOf(lanes, ids, ahead, mask);
            CachePrefetch.Prefetch(ref table[homes[ring]]);
        }

        return home;
    }

    private static bool SamePair(ulong[] lanes, long[] ids, int a, int b) =>
        ids[a] == ids[b] && lanes.AsSpan(a * 4, 4).SequenceEqual(lanes.AsSpan(b * 4, 4));

    private static int SlotOf(ulong[] lanes, long[] ids, int i, int mask)
    {
        var p = i * 4;
        var h = (lanes[p] * 0x9E37_79B9_7F4A_7C15UL) ^ BitOperations.RotateLeft(lanes[p + 1] * 0xC2B2_AE3D_27D4_EB4FUL, 17) ^
                BitOperations.RotateLeft(lanes[p + 2] * 0x1656_67B1_9E37_79F9UL, 31) ^ BitOperations.RotateLeft(lanes[p + 3] * 0x27D4_EB2F_1656_67C5UL, 43) ^
                ((ulong)ids[i] * 0xFF51_AFD7_ED55_8CCDUL);
        h ^= h >> 29;
        h *= 0xBF58_476D_1CE4_E5B9UL;
        h ^= h >> 32;
        return (int)h & mask;
    }
}
