using LiveWatch.Hashing;
using LiveWatch.Hashing.Indexing;

namespace LiveWatch.Hashing.Tests.Indexing;

/// <summary>The specification of <see cref="IHashIndex"/> as a plain set of pairs scanned with <see cref="Hash256.DistanceTo"/>.</summary>
internal sealed class BruteForceIndexModel
{
    private readonly HashSet<(Hash256 Hash, long Id)> _pairs = [];

    public int Count => _pairs.Count;

    public bool Add(Hash256 hash, long id) => _pairs.Add((hash, id));

    public bool Remove(Hash256 hash, long id) => _pairs.Remove((hash, id));

    public IReadOnlyCollection<(Hash256 Hash, long Id)> Pairs => _pairs;

    public List<HashMatch> FindAll(ReadOnlySpan<Hash256> needles, int maxDistance)
    {
        var best = new Dictionary<long, HashMatch>();
        foreach (var (hash, id) in _pairs)
        {
            // Unrelated hashes are ~128 bits apart: skip the needle loop for most pairs cheaply.
            if (needles.Length > 1 && MinDistance(hash, needles) > maxDistance)
            {
                continue;
            }

            for (var k = 0; k < needles.Length; k++)
            {
                var distance = hash.DistanceTo(needles[k]);
                if (distance > maxDistance)
                {
                    continue;
                }

                if (!best.TryGetValue(id, out var current) || distance < current.Distance ||
                    (distance == current.Distance && k < current.NeedleIndex))
                {
                    best[id] = new HashMatch(id, distance, k);
                }
            }
        }

        return [.. best.Values.OrderBy(m => m.Distance).ThenBy(m => m.Id)];
    }

    private static int MinDistance(Hash256 hash, ReadOnlySpan<Hash256> needles)
    {
        var min = int.MaxValue;
        foreach (var needle in needles)
        {
            min = Math.Min(min, hash.DistanceTo(needle));
        }

        return min;
    }

    public HashMatch? Nearest(ReadOnlySpan<Hash256> needles, int maxDistance)
    {
        var all = FindAll(needles, maxDistance);
        return all.Count == 0 ? null : all[0];
    }
}
