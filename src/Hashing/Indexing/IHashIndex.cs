namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// An in-memory set of (hash, id) pairs searchable by Hamming distance: the matcher's view of a hash list of known
/// imagery. Implementations: <see cref="FlatHashIndex"/> (exact linear scan, small lists) and
/// <see cref="MultiIndexHashIndex"/> (multi-index hashing, millions of hashes); <see cref="HashIndex.Create"/> picks one.
/// </summary>
/// <remarks>
/// <para>
/// Set semantics: a (hash, id) pair is stored at most once; adding it again is a no-op that returns false. One id may
/// be stored with several hashes (e.g. one list item hashed several ways); queries report each id at most once.
/// </para>
/// <para>
/// Results are exact: exactly the pairs a brute-force scan with <see cref="Hash256.DistanceTo"/> finds. For each
/// matching id a query reports its smallest distance over its stored hashes and the needles, with the lowest needle
/// index reaching that distance. <c>FindAll</c> orders its results by distance, then id; <c>TryFindNearest</c>
/// returns the first of that order, ties on distance and id going to the lowest needle index.
/// </para>
/// <para>
/// Thread safety: any number of concurrent queries, and writes (Add/Remove/AddRange) concurrently with them. Queries
/// take no lock and never wait for a writer: writers append to storage beyond what readers see and publish it with
/// release writes, removals only set a tombstone bit, and rebuilds produce new storage swapped in with one reference
/// write. A query sees each pair either before or after a concurrent write, never a torn state. Writers are
/// serialised among themselves.
/// </para>
/// <para>
/// <c>maxDistance</c> must be 0..63 (<see cref="ArgumentOutOfRangeException"/> otherwise); PDQ's usual threshold is 31.
/// Queries are allocation-free once the caller's result list has grown to its working size.
/// </para>
/// </remarks>
public interface IHashIndex
{
    /// <summary>Number of distinct live (hash, id) pairs.</summary>
    int Count { get; }

    /// <summary>Adds one pair; returns false (and changes nothing) when the pair is already stored.</summary>
    bool Add(in Hash256 hash, long id);

    /// <summary>
    /// Bulk load: adds <paramref name="hashes"/>[i] with <paramref name="ids"/>[i] for every i, skipping pairs already
    /// stored or repeated in the input. Much faster per pair than <see cref="Add"/> in a loop. Returns how many pairs
    /// were added.
    /// </summary>
    int AddRange(ReadOnlySpan<Hash256> hashes, ReadOnlySpan<long> ids);

    /// <summary>Removes one pair; returns false when it is not stored. Identified by (hash, id), so no id index is kept.</summary>
    bool Remove(in Hash256 hash, long id);

    /// <summary>Finds the stored pair nearest to <paramref name="needle"/> within <paramref name="maxDistance"/> bits (ties: smallest id).</summary>
    bool TryFindNearest(in Hash256 needle, int maxDistance, out HashMatch match);

    /// <summary>
    /// Finds the best pair over all <paramref name="needles"/> (e.g. the 8 dihedral variants of a frame): smallest
    /// distance, then smallest id, then lowest needle index.
    /// </summary>
    bool TryFindNearest(ReadOnlySpan<Hash256> needles, int maxDistance, out HashMatch match);

    /// <summary>
    /// Appends one <see cref="HashMatch"/> per id within <paramref name="maxDistance"/> bits of <paramref name="needle"/>,
    /// ordered by distance then id; returns how many were appended. Existing list content is left alone.
    /// </summary>
    int FindAll(in Hash256 needle, int maxDistance, List<HashMatch> results);

    /// <summary>
    /// Appends one <see cref="HashMatch"/> per id within <paramref name="maxDistance"/> bits of any of
    /// <paramref name="needles"/>, with its smallest distance and the (lowest) needle giving it, ordered by distance
    /// then id; returns how many were appended.
    /// </summary>
    int FindAll(ReadOnlySpan<Hash256> needles, int maxDistance, List<HashMatch> results);
}
