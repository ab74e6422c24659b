namespace LiveWatch.Sdk.Client.Models;

/// <summary>Which incidents <see cref="LiveWatchClient.ListIncidentsAsync"/> returns (newest first); absent filters match all.</summary>
/// <param name="State">Only incidents in this state.</param>
/// <param name="StreamId">Only this stream's incidents.</param>
/// <param name="MinLevel">Only incidents at this level or higher.</param>
/// <param name="Max">At most this many, 1..1000 (the server's default is 100).</param>
public sealed record IncidentFilter(IncidentState? State = null, string? StreamId = null, RiskLevel? MinLevel = null, int? Max = null);
