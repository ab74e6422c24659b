namespace LiveWatch.Silo.Api.Models;

/// <summary>A bank to create (for a tenant, or global when created under <c>/admin/banks</c>).</summary>
/// <param name="Name">Unique among the owner's banks.</param>
/// <param name="Kind"><c>Normal</c> (matches raise risk) or <c>Negative</c> (an allow list: a match suppresses the frame's other matches).</param>
/// <param name="DistanceThreshold">Largest Hamming distance that matches, 0..63 (default 31).</param>
/// <param name="Enabled">Whether it is matched against.</param>
public sealed record CreateBankRequest(string Name, string Kind = "Normal", int DistanceThreshold = 31, bool Enabled = true);
