using System.Runtime.InteropServices;

namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// Turns the raw hits a query appended to the caller's list into the documented result: one entry per id, with its
/// smallest distance and the lowest needle index giving it, ordered by distance then id. Raw hits contain duplicates
/// (an entry found through several chunks or needles, or an id stored with several hashes); sorting in place in the
/// caller's list avoids any scratch allocation. The comparisons are cached delegates: a struct comparer would be boxed
/// by <see cref="MemoryExtensions.Sort{T, TComparer}(Span{T}, TComparer)"/> on every call.
/// </summary>
internal static class MatchListNormalizer
{
    /// <summary>Normalises <paramref name="results"/>[<paramref name="start"/>..] in place; returns how many remain.</summary>
    public static int Normalize(List<HashMatch> results, int start)
    {
        var hits = CollectionsMarshal.AsSpan(results)[start..];
        if (hits.Length <= 1)
        {
            return hits.Length;
        }

        hits.Sort(ByIdThenDistanceThenNeedle);
        var kept = 1;
        for (var i = 1; i < hits.Length; i++)
        {
            if (hits[i].Id != hits[kept - 1].Id)
            {
                hits[kept++] = hits[i];
            }
        }

        hits[..kept].Sort(ByDistanceThenId);
        CollectionsMarshal.SetCount(results, start + kept);
        return kept;
    }

    private static readonly Comparison<HashMatch> ByIdThenDistanceThenNeedle = static (x, y) =>
        x.Id != y.Id ? x.Id.CompareTo(y.Id) :
        x.Distance != y.Distance ? x.Distance.CompareTo(y.Distance) :
        x.NeedleIndex.CompareTo(y.NeedleIndex);

    private static readonly Comparison<HashMatch> ByDistanceThenId = static (x, y) =>
        x.Distance != y.Distance ? x.Distance.CompareTo(y.Distance) : x.Id.CompareTo(y.Id);
}
