using LiveWatch.Contracts.Banks;

namespace LiveWatch.Storage.Entities;

/// <summary>A hash list (NCMEC, IWF, ThreatExchange, a platform's own). Banks are soft-deleted so history stays readable.</summary>
public sealed class Bank
{
    /// <summary>Default PDQ match threshold (Hamming distance), the value Meta recommends for PDQ.</summary>
    public const int DefaultDistanceThreshold = 31;

    /// <summary>Largest accepted threshold: above it PDQ matches stop being meaningful.</summary>
    public const int MaxDistanceThreshold = 63;

    /// <summary>Longest accepted bank name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Bank id.</summary>
    public long Id { get; set; }

    /// <summary>Owning tenant; <c>null</c> for a global bank that applies to every tenant.</summary>
    public string? TenantId { get; set; }

    /// <summary>Name, unique among the live banks of the same owner.</summary>
    public required string Name { get; set; }

    /// <summary>Normal or negative.</summary>
    public BankKind Kind { get; set; }

    /// <summary>Largest Hamming distance that counts as a match (0..63).</summary>
    public int DistanceThreshold { get; set; } = DefaultDistanceThreshold;

    /// <summary>Whether matchers use the bank.</summary>
    public bool Enabled { get; set; }

    /// <summary>When the bank was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the bank was deleted (UTC); deleted banks are invisible to the store's methods.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}
