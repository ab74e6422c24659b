namespace LiveWatch.Silo.Api.Models;

/// <summary>The monitor's answer to pushed frames or hashes, including how to sample from now on.</summary>
/// <param name="Accepted">Frames processed for the first time.</param>
/// <param name="Repeats">Frames already processed (same run and sequence): ignored.</param>
/// <param name="Matched">Frames that matched a bank.</param>
/// <param name="Level">The stream's risk level after them.</param>
/// <param name="IncidentId">The stream's open incident, if any.</param>
/// <param name="Sampling">How the platform should sample the stream now (mode and frames per second).</param>
public sealed record PushResponse(int Accepted, int Repeats, int Matched, string Level, Guid? IncidentId, SamplingResponse Sampling);
