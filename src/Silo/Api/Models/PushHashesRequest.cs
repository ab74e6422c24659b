namespace LiveWatch.Silo.Api.Models;

/// <summary>Hashes computed on the platform's side (no pixels leave the platform).</summary>
/// <param name="RunId">The sender's run; with each hash's sequence it makes retries safe (repeats are ignored).</param>
/// <param name="Hashes">At most the monitor's batch size (64 by default).</param>
public sealed record PushHashesRequest(string RunId, IReadOnlyList<PushedHashRequest> Hashes);
