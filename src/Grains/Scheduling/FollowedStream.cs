using LiveWatch.Contracts.Scheduling;

namespace LiveWatch.Grains.Scheduling;

/// <summary>A stream the scheduler follows: where it is leased, or since when it waits and until when it must.</summary>
internal sealed class FollowedStream
{
    public FollowedStream(StreamToFollow stream, DateTimeOffset waitingSince, DateTimeOffset notBefore)
    {
        Stream = stream;
        WaitingSince = waitingSince;
        NotBefore = notBefore;
    }

    public StreamToFollow Stream { get; set; }

    /// <summary>The worker holding the lease, or null while the stream waits.</summary>
    public string? WorkerId { get; set; }

    /// <summary>The current lease (meaningful while <see cref="WorkerId"/> is set).</summary>
    public Guid LeaseId { get; set; }

    /// <summary>When it started waiting: among equal priorities, the longest waiting goes first.</summary>
    public DateTimeOffset WaitingSince { get; set; }

    /// <summary>
    /// Not leased before this: the last lease a previous holder may still believe in runs until then (worker-side
    /// fencing stops the stream at the end of it), so two workers never sample the stream at once.
    /// </summary>
    public DateTimeOffset NotBefore { get; set; }
}
