namespace LiveWatch.Dashboard.Tests;

/// <summary>The real clock moved forward by <see cref="Offset"/>: lets a test make a session old without waiting.</summary>
public sealed class ShiftableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
