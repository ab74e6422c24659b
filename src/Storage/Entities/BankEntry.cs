using LiveWatch.Hashing;

namespace LiveWatch.Storage.Entities;

/// <summary>One hash in a bank. Removal is soft (<see cref="RemovedAt"/>) so past matches keep pointing at it.</summary>
public sealed class BankEntry
{
    /// <summary>Longest accepted external id.</summary>
    public const int MaxExternalIdLength = 200;

    /// <summary>Longest accepted label.</summary>
    public const int MaxLabelLength = 200;

    /// <summary>Entry id.</summary>
    public long Id { get; set; }

    /// <summary>Owning bank.</summary>
    public long BankId { get; set; }

    /// <summary>The PDQ hash; stored as its 32-byte big-endian form (<see cref="Hash256.ToBytes"/>).</summary>
    public Hash256 Hash { get; set; }

    /// <summary>The list provider's id for the hash; unique among a bank's active entries when present.</summary>
    public string? ExternalId { get; set; }

    /// <summary>Free label from the list (category, source).</summary>
    public string? Label { get; set; }

    /// <summary>When the entry was added (UTC).</summary>
    public DateTimeOffset AddedAt { get; set; }

    /// <summary>When the entry was removed (UTC).</summary>
    public DateTimeOffset? RemovedAt { get; set; }
}
