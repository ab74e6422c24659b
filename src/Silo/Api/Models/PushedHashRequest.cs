namespace LiveWatch.Silo.Api.Models;

/// <summary>One pushed PDQ hash.</summary>
/// <param name="Sequence">Increases within the run.</param>
/// <param name="Hash">64 lowercase hex digits.</param>
/// <param name="Quality">PDQ quality 0..100; below 50 the hash is counted but not matched.</param>
/// <param name="CapturedAt">When the frame was captured (default: when received).</param>
/// <param name="StreamSeconds">Position in the stream, if known.</param>
public sealed record PushedHashRequest(long Sequence, string Hash, int Quality, DateTimeOffset? CapturedAt = null, double StreamSeconds = 0);
