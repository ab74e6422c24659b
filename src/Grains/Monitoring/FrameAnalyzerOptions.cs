using LiveWatch.Hashing.Pdq;

namespace LiveWatch.Grains.Monitoring;

/// <summary>How a stream's frames are hashed and matched.</summary>
public sealed record FrameAnalyzerOptions
{
    /// <summary>Frames below this PDQ quality are counted but not matched (the ecosystem's 50).</summary>
    public int MinimumQuality { get; init; } = PdqHash.MinimumMatchQuality;

    /// <summary>
    /// A frame within this many bits of the previous one reuses its result instead of querying again (static scenes
    /// repeat nearly identical hashes; 0 turns the shortcut off).
    /// </summary>
    public int NearDuplicateBits { get; init; } = 4;

    /// <summary>Query all 8 rotations/mirrors of each frame (mirrored webcams, flipped re-streams).</summary>
    public bool MatchDihedral { get; init; } = true;

    /// <summary>Checks the values; returns what is wrong, or an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MinimumQuality is < 0 or > 100)
        {
            errors.Add($"MinimumQuality must be 0..100, got {MinimumQuality}.");
        }

        if (NearDuplicateBits is < 0 or > 32)
        {
            errors.Add($"NearDuplicateBits must be 0..32, got {NearDuplicateBits}.");
        }

        return errors;
    }
}
