using LiveWatch.Contracts.Risk;
using LiveWatch.Storage.Entities;

namespace LiveWatch.Storage.Stores;

/// <summary>Filters for listing a tenant's incidents (newest first).</summary>
/// <param name="State">Only this state.</param>
/// <param name="StreamId">Only this stream.</param>
/// <param name="MinimumLevel">Only this level or above.</param>
/// <param name="Max">Most rows (capped at 1000).</param>
public sealed record IncidentQuery(IncidentState? State = null, string? StreamId = null, RiskLevel? MinimumLevel = null, int Max = 100);
