namespace LiveWatch.Hashing.Indexing;

/// <summary>
/// Per-thread buffers of a multi-index probe: the bucket ranges of one batch and the candidate positions awaiting
/// verification. Allocated once per querying thread (a few KiB), so queries allocate nothing in steady state.
/// </summary>
internal sealed class ProbeScratch
{
    /// <summary>
    /// Capacity for bucket ranges gathered before any is scanned: a paired-table probe lists up to 8 needles x 272
    /// buckets at once; the general tables use the first 256.
    /// </summary>
    public const int RangeBatch = 4096;

    /// <summary>Candidates gathered (hashes prefetched) before any is verified.</summary>
    public const int CandidateBatch = 256;

    [ThreadStatic]
    private static ProbeScratch? t_instance;

    /// <summary>Bucket of each gathered range (offsets prefetched, not yet read).</summary>
    public uint[] Buckets { get; } = new uint[RangeBatch];

    /// <summary>Start offset of each gathered range.</summary>
    public uint[] RangeStarts { get; } = new uint[RangeBatch];

    /// <summary>End offset of each gathered range.</summary>
    public uint[] RangeEnds { get; } = new uint[RangeBatch];

    /// <summary>How many low key bits may still differ in each gathered range.</summary>
    public int[] RangeAllowances { get; } = new int[RangeBatch];

    /// <summary>Each needle's key per chunk (<see cref="PairedChunkTables"/>).</summary>
    public ushort[] ChunkKeys { get; } = new ushort[PairedChunkTables.ChunkCount * PairedChunkTables.MaxGroup];

    /// <summary>Positions of the candidates being verified (<see cref="PairedChunkTables"/>).</summary>
    public uint[] CandidatePositions { get; } = new uint[CandidateBatch];

    /// <summary>Candidate positions.</summary>
    public uint[] Candidates { get; } = new uint[CandidateBatch];

    /// <summary>This thread's scratch.</summary>
    public static ProbeScratch ForCurrentThread() => t_instance ??= new ProbeScratch();
}
