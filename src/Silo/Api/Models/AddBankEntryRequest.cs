namespace LiveWatch.Silo.Api.Models;

/// <summary>One hash to add to a bank.</summary>
/// <param name="Hash">64 lowercase hex digits.</param>
/// <param name="ExternalId">The list provider's id (unique among the bank's active entries).</param>
/// <param name="Label">Free label.</param>
public sealed record AddBankEntryRequest(string Hash, string? ExternalId = null, string? Label = null);
