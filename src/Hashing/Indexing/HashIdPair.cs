namespace LiveWatch.Hashing.Indexing;

/// <summary>A stored (hash, id) pair as a dictionary key: used only for the small mutable delta, never for the base.</summary>
internal readonly record struct HashIdPair(Hash256 Hash, long Id);
