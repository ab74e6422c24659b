using System.Globalization;

namespace LiveWatch.LoadTest;

/// <summary>
/// This process's garbage collections so far: counts per generation and the total time the runtime was paused for
/// them. Differences over a measuring window tell whether a latency spike was a collection.
/// </summary>
public readonly record struct GcSnapshot(int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static GcSnapshot Take() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public static GcSnapshot operator -(GcSnapshot after, GcSnapshot before) =>
        new(after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.Paused - before.Paused);

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Gen0} gen0 (of which {Gen1} gen1, {Gen2} gen2), {Paused.TotalMilliseconds:F0} ms paused");
}
