namespace LiveWatch.Contracts.Banks;

/// <summary>What a match in a bank means.</summary>
public enum BankKind
{
    /// <summary>Known content: a match raises the stream's risk.</summary>
    Normal = 0,

    /// <summary>
    /// Known false positives ("allow" list): a match here suppresses every match of the same frame, so a benign
    /// picture that collides with a bank entry stops alerting once a moderator has dismissed it.
    /// </summary>
    Negative = 1,
}
