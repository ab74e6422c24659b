namespace LiveWatch.Contracts.Banks;

/// <summary>What matching needs to know about a bank (never its hashes).</summary>
/// <param name="BankId">The bank's id in the moderation store.</param>
/// <param name="TenantId">The owning platform, or null for a global bank (e.g. NCMEC's list) that applies to every tenant.</param>
/// <param name="Name">Display name, unique per tenant.</param>
/// <param name="Kind">Normal or negative (allow list).</param>
/// <param name="DistanceThreshold">Largest Hamming distance that counts as a match in this bank (0..63, default 31).</param>
/// <param name="Enabled">Disabled banks keep their entries but never match.</param>
[GenerateSerializer, Immutable]
public sealed record BankInfo(
    [property: Id(0)] long BankId,
    [property: Id(1)] string? TenantId,
    [property: Id(2)] string Name,
    [property: Id(3)] BankKind Kind,
    [property: Id(4)] int DistanceThreshold,
    [property: Id(5)] bool Enabled)
{
    /// <summary>The ecosystem's match threshold for PDQ.</summary>
    public const int DefaultDistanceThreshold = 31;

    /// <summary>Whether frames of <paramref name="tenantId"/> are matched against this bank.</summary>
    public bool AppliesTo(string tenantId) => Enabled && (TenantId is null || TenantId == tenantId);
}
