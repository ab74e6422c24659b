using LiveWatch.Contracts.Scheduling;
using LiveWatch.Contracts.Streams;
using LiveWatch.Grains.Scheduling;
using LiveWatch.Grains.Tests.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveWatch.Grains.Tests.Scheduling;

/// <summary>
/// A cluster whose ingest scheduler runs on a fake clock that only the tests move (the rest of the silo keeps real
/// time, so Orleans' own timers are unaffected). Its one scheduler is shared by the tests of a class, which reset it.
/// </summary>
public sealed class SchedulerCluster : SingleNodeCluster
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    /// <summary>The lease duration the scheduler runs with (the default).</summary>
    public TimeSpan LeaseDuration { get; } = new IngestSchedulerOptions().LeaseDuration;

    public IIngestSchedulerGrain Scheduler => Cluster.Client.GetGrain<IIngestSchedulerGrain>(IngestScheduler.Key);

    /// <summary>
    /// Forgets what earlier tests left (workers leave, streams are unscheduled) and moves the clock past the grace
    /// that follows an activation, so a test starts with an empty scheduler that assigns at once.
    /// </summary>
    public async Task ResetAsync()
    {
        var overview = await Scheduler.GetOverviewAsync();
        foreach (var worker in overview.Workers)
        {
            await Scheduler.LeaveAsync(worker.WorkerId);
            foreach (var key in worker.Streams)
            {
                await Scheduler.UnscheduleAsync(key);
            }
        }

        foreach (var key in overview.Waiting)
        {
            await Scheduler.UnscheduleAsync(key);
        }

        Clock.Advance(LeaseDuration + TimeSpan.FromSeconds(1));
        var empty = await Scheduler.GetOverviewAsync();
        Assert.Empty(empty.Workers);
        Assert.Empty(empty.Waiting);
    }

    public static StreamKey NewKey(string name) => new("tenant-sched", $"{name}-{Guid.NewGuid():N}");

    public static StreamToFollow Follow(StreamKey key, int priority = 0) => new(key, $"rtmp://media.example/{key.StreamId}", priority);

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddKeyedSingleton<TimeProvider>(IngestSchedulerOptions.ClockKey, Clock);
}
