namespace LiveWatch.Storage.Entities;

/// <summary>What a <see cref="BankChange"/> records.</summary>
public enum BankChangeKind
{
    /// <summary>An entry was added (the change carries its id).</summary>
    EntryAdded = 0,

    /// <summary>An entry was removed (the change carries its id).</summary>
    EntryRemoved = 1,

    /// <summary>A bank was created.</summary>
    BankCreated = 2,

    /// <summary>A bank was enabled.</summary>
    BankEnabled = 3,

    /// <summary>A bank was disabled.</summary>
    BankDisabled = 4,

    /// <summary>A bank was deleted.</summary>
    BankDeleted = 5,

    /// <summary>A bank's distance threshold changed.</summary>
    ThresholdChanged = 6,

    /// <summary>A bank's kind (normal, negative) changed.</summary>
    KindChanged = 7,
}
