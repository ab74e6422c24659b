using LiveWatch.Contracts.Banks;
using LiveWatch.Storage.Entities;

namespace LiveWatch.Storage.Stores;

/// <summary>A bank's settings as a matcher replica needs them.</summary>
/// <param name="Id">Bank id.</param>
/// <param name="TenantId">Owning tenant; null for a global bank (applies to every tenant).</param>
/// <param name="Name">Name.</param>
/// <param name="Kind">Normal or negative.</param>
/// <param name="DistanceThreshold">Largest distance that counts as a match.</param>
/// <param name="Enabled">Whether matchers use it.</param>
/// <param name="Deleted">Whether it was deleted.</param>
public sealed record BankInfo(long Id, string? TenantId, string Name, BankKind Kind, int DistanceThreshold, bool Enabled, bool Deleted)
{
    internal static BankInfo From(Bank bank) =>
        new(bank.Id, bank.TenantId, bank.Name, bank.Kind, bank.DistanceThreshold, bank.Enabled, bank.DeletedAt is not null);
}
