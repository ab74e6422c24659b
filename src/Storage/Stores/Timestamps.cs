namespace LiveWatch.Storage.Stores;

/// <summary>
/// Every stored time is UTC with microsecond precision: PostgreSQL's timestamptz keeps microseconds and accepts only
/// offset 0, and the SQLite text form keeps the same, so a value reads back equal on both providers.
/// </summary>
internal static class Timestamps
{
    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }

    public static DateTimeOffset UtcNow(this TimeProvider time) => Normalize(time.GetUtcNow());
}
