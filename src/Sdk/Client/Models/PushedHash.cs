using LiveWatch.Hashing;

namespace LiveWatch.Sdk.Client.Models;

/// <summary>One PDQ hash computed on the platform's side.</summary>
/// <param name="Sequence">Increases within the run; with the run id it makes a retried push a harmless repeat.</param>
/// <param name="Hash">64 lowercase hex digits.</param>
/// <param name="Quality">PDQ quality 0..100; below 50 the hash is counted but not matched.</param>
/// <param name="CapturedAt">When the frame was captured (default: when LiveWatch received it).</param>
/// <param name="StreamSeconds">Position in the stream, if known.</param>
public sealed record PushedHash(long Sequence, string Hash, int Quality, DateTimeOffset? CapturedAt = null, double StreamSeconds = 0)
{
    /// <summary>A pushed hash from a hash computed with <see cref="Hashing.Pdq.PdqHasher"/>.</summary>
    public PushedHash(long sequence, Hash256 hash, int quality, DateTimeOffset? capturedAt = null)
        : this(sequence, hash.ToString(), quality, capturedAt)
    {
    }
}
