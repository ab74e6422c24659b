namespace LiveWatch.Grains.Monitoring;

/// <summary>What happened to one frame in the stream's grain.</summary>
public enum FrameOutcome
{
    /// <summary>Hashed and matched against the banks; nothing within threshold.</summary>
    NoMatch,

    /// <summary>Matched a normal bank.</summary>
    Matched,

    /// <summary>Matched a negative (allow) bank: all its matches suppressed.</summary>
    Suppressed,

    /// <summary>PDQ quality below the minimum: counted, not matched (the hash is unreliable).</summary>
    LowQuality,

    /// <summary>Within a few bits of the previous frame: the previous frame's result was reused without a query.</summary>
    NearDuplicate,

    /// <summary>A (run, sequence) already processed: dropped.</summary>
    Repeat,
}
