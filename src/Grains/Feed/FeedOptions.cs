namespace LiveWatch.Grains.Feed;

/// <summary>How live feed subscribers follow their tenant's feed (section <c>LiveWatch:Feed</c>).</summary>
public sealed class FeedOptions
{
    public const string SectionName = "LiveWatch:Feed";

    /// <summary>
    /// How often a subscriber reads the store although no notification told it to. Memory streams may drop the last
    /// notification of a burst (a lost silo, a full queue) and then no later one reveals the gap: this bounds how long
    /// such an event stays unseen. Default 3 s.
    /// </summary>
    public TimeSpan StoreReadInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Most events read from the store at once while catching up. Default 200.</summary>
    public int ReadBatchSize { get; set; } = 200;

    /// <summary>What is wrong with the values, or an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (StoreReadInterval <= TimeSpan.Zero)
        {
            errors.Add($"StoreReadInterval must be positive, got {StoreReadInterval}.");
        }

        if (ReadBatchSize is < 1 or > Storage.Stores.FeedStore.MaxEventsPerRead)
        {
            errors.Add($"ReadBatchSize must be 1..{Storage.Stores.FeedStore.MaxEventsPerRead}, got {ReadBatchSize}.");
        }

        return errors;
    }
}
