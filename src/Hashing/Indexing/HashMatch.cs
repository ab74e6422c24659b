namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// One hit of a Hamming-distance query: which stored id matched, how far its hash is from the needle, and which
/// needle found it (so a caller that queries the 8 dihedral variants of a frame knows which orientation matched).
/// </summary>
/// <param name="Id">The id stored with the matching hash.</param>
/// <param name="Distance">Hamming distance (0..256) between the stored hash and the needle.</param>
/// <param name="NeedleIndex">Index of the needle that gave <paramref name="Distance"/>: 0 for single-needle queries.</param>
public readonly record struct HashMatch(long Id, int Distance, int NeedleIndex);
