namespace LiveWatch.Silo.Api.Models;

/// <summary>Changes to a bank; absent fields stay as they are.</summary>
public sealed record UpdateBankRequest(bool? Enabled = null, int? DistanceThreshold = null, string? Kind = null);
