namespace LiveWatch.Grains.Matching;

/// <summary>How the silo's bank replica follows the moderation store (section <c>LiveWatch:Banks</c>).</summary>
public sealed class BankReplicationOptions
{
    public const string SectionName = "LiveWatch:Banks";

    /// <summary>How often the store's change sequence is polled; a bank change matches within about this long.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Changes read per poll.</summary>
    public int BatchSize { get; set; } = 5_000;
}
