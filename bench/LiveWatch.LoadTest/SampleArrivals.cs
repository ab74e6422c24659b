using System.Collections.Concurrent;
using LiveWatch.Contracts.Ingest;

namespace LiveWatch.LoadTest;

/// <summary>
/// Records, for every frame reaching a stream grain, its stream time and when it arrived: an Orleans incoming call
/// filter in the load tool's silo (the grains run unchanged). With each publisher's start time this gives the sample
/// lag from capture in the source to the grain.
/// </summary>
public sealed class SampleArrivals : IIncomingGrainCallFilter
{
    private readonly ConcurrentQueue<(string Stream, long Sequence, double StreamSeconds, DateTimeOffset At)> _arrivals = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.GetArgumentCount() == 1 && context.Request.GetArgument(0) is FrameBatch batch)
        {
            var now = DateTimeOffset.UtcNow;
            var stream = context.TargetId.Key.ToString()!;
            foreach (var frame in batch.Frames)
            {
                _arrivals.Enqueue((stream, frame.Sequence, frame.StreamSeconds, now));
            }
        }

        await context.Invoke().ConfigureAwait(false);
    }

    /// <summary>Takes everything recorded so far.</summary>
    public List<(string Stream, long Sequence, double StreamSeconds, DateTimeOffset At)> Drain()
    {
        var all = new List<(string, long, double, DateTimeOffset)>();
        while (_arrivals.TryDequeue(out var item))
        {
            all.Add(item);
        }

        return all;
    }
}
