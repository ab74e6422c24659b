namespace LiveWatch.Sdk.Client.Models;

/// <summary>The monitor's answer to pushed frames or hashes.</summary>
/// <param name="Accepted">Frames processed for the first time.</param>
/// <param name="Repeats">Frames already processed (same run and sequence), so ignored: what a retried push reports.</param>
/// <param name="Matched">Frames that matched a bank.</param>
/// <param name="Level">The stream's risk level after them.</param>
/// <param name="IncidentId">The stream's open incident, if any.</param>
/// <param name="Sampling">How to sample the stream from now on.</param>
public sealed record PushResult(int Accepted, int Repeats, int Matched, RiskLevel Level, Guid? IncidentId, SamplingPolicy Sampling);
