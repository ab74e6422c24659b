namespace LiveWatch.Hashing.Formats;

/// <summary>The text formats of hash-list files.</summary>
public enum HashListFormat
{
    /// <summary>Decide from the file name's extension and the first meaningful line.</summary>
    Auto = 0,

    /// <summary>One hex hash per line; <c>#</c> starts a comment; blank lines are ignored.</summary>
    Plain,

    /// <summary>RFC 4180 CSV with a header row naming a <c>hash</c> column and optional <c>id</c> and <c>label</c> columns.</summary>
    Csv,

    /// <summary>vPDQ video hashes: one <c>frameNumber,quality,hash,timestampSeconds</c> line per hashed frame.</summary>
    Vpdq,
}
