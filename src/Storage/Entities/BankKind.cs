namespace LiveWatch.Storage.Entities;

/// <summary>What a match against a bank means.</summary>
public enum BankKind
{
    /// <summary>Known abuse material: a match raises the stream's risk.</summary>
    Normal = 0,

    /// <summary>Known benign content that looks alike (false-positive list): a match suppresses others on the same frame.</summary>
    Negative = 1,
}
