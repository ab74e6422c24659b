using LiveWatch.Contracts.Scheduling;
using LiveWatch.Contracts.Streams;
using LiveWatch.Grains.Scheduling;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using Orleans.Core.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace LiveWatch.Grains.Tests.Scheduling;

/// <summary>The ingest scheduler on a real two-silo cluster, its clock moved by the tests.</summary>
public sealed class IngestSchedulerTests : IClassFixture<SchedulerCluster>, IAsyncLifetime
{
    private static readonly TimeSpan Heartbeat = new IngestSchedulerOptions().HeartbeatInterval;
    private readonly SchedulerCluster _node;

    public IngestSchedulerTests(SchedulerCluster node)
    {
        _node = node;
    }

    private IIngestSchedulerGrain Scheduler => _node.Scheduler;

    private DateTimeOffset Now => _node.Clock.GetUtcNow();

    public Task InitializeAsync() => _node.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Streams_go_highest_priority_first_to_workers_with_free_capacity_and_the_rest_wait()
    {
        var keys = new[] { 1, 5, 3, 4, 2 }.Select(p => (Priority: p, Key: SchedulerCluster.NewKey($"p{p}"))).ToList();
        foreach (var (priority, key) in keys)
        {
            await Scheduler.ScheduleAsync(SchedulerCluster.Follow(key, priority));
        }

        var big = new SimulatedWorker("worker-big", capacity: 3);
        var small = new SimulatedWorker("worker-small", capacity: 1);
        var bigLeases = await big.HeartbeatAsync(Scheduler, Now);
        var smallLeases = await small.HeartbeatAsync(Scheduler, Now);

        Assert.Equal(keys.Where(k => k.Priority >= 3).Select(k => k.Key).ToHashSet(), bigLeases.Leases.Select(l => l.Key).ToHashSet());
        Assert.Equal([keys.Single(k => k.Priority == 2).Key], smallLeases.Leases.Select(l => l.Key));
        Assert.Equal((_node.LeaseDuration, Heartbeat), (bigLeases.ValidFor, bigLeases.HeartbeatInterval));
        var overview = await Scheduler.GetOverviewAsync();
        Assert.Equal([keys.Single(k => k.Priority == 1).Key], overview.Waiting);
        Assert.All(bigLeases.Leases.Concat(smallLeases.Leases), l => Assert.StartsWith("rtmp://media.example/", l.SourceUrl, StringComparison.Ordinal));
    }

    [Fact]
    public async Task New_streams_go_to_the_least_loaded_worker()
    {
        var a = new SimulatedWorker("worker-a", capacity: 4);
        var b = new SimulatedWorker("worker-b", capacity: 4);
        await a.HeartbeatAsync(Scheduler, Now);
        await b.HeartbeatAsync(Scheduler, Now);

        for (var i = 0; i < 4; i++)
        {
            await Scheduler.ScheduleAsync(SchedulerCluster.Follow(SchedulerCluster.NewKey($"even-{i}")));
        }

        var leasesA = await a.HeartbeatAsync(Scheduler, Now);
        var leasesB = await b.HeartbeatAsync(Scheduler, Now);
        Assert.Equal((2, 2), (leasesA.Leases.Count, leasesB.Leases.Count));
    }

    [Fact]
    public async Task A_heartbeating_worker_keeps_its_streams_and_lease_ids_even_when_another_worker_joins()
    {
        var a = new SimulatedWorker("worker-stable", capacity: 2);
        await a.HeartbeatAsync(Scheduler, Now);
        var keys = new[] { SchedulerCluster.NewKey("stable-1"), SchedulerCluster.NewKey("stable-2") };
        foreach (var key in keys)
        {
            await Scheduler.ScheduleAsync(SchedulerCluster.Follow(key));
        }

        var first = await a.HeartbeatAsync(Scheduler, Now);
        var idle = new SimulatedWorker("worker-idle", capacity: 10);
        for (var round = 0; round < 10; round++)
        {
            _node.Clock.Advance(Heartbeat);
            await idle.HeartbeatAsync(Scheduler, Now);
            var again = await a.HeartbeatAsync(Scheduler, Now);
            Assert.Equal(first.Leases, again.Leases);
        }

        Assert.Empty((await idle.HeartbeatAsync(Scheduler, Now)).Leases);
    }

    [Fact]
    public async Task A_silent_worker_loses_its_streams_once_its_last_lease_is_over_and_they_move_with_a_new_lease_id()
    {
        var vanishing = new SimulatedWorker("worker-vanishing", capacity: 1);
        await vanishing.HeartbeatAsync(Scheduler, Now);
        var key = SchedulerCluster.NewKey("moves");
        await Scheduler.ScheduleAsync(SchedulerCluster.Follow(key));
        var old = Assert.Single((await vanishing.HeartbeatAsync(Scheduler, Now)).Leases);
        var lastHeartbeat = Now;
        var survivor = new SimulatedWorker("worker-survivor", capacity: 1);

        StreamLease? moved = null;
        while (moved is null)
        {
            _node.Clock.Advance(Heartbeat);
            var answer = await survivor.HeartbeatAsync(Scheduler, Now);
            if (answer.Leases.Count > 0)
            {
                moved = answer.Leases[0];
                // Not a moment before the vanished worker's lease ran out, and within the 15 s the issue allows.
                Assert.InRange(Now - lastHeartbeat, _node.LeaseDuration, TimeSpan.FromSeconds(15));
            }
            else
            {
                Assert.True(Now - lastHeartbeat < _node.LeaseDuration, "the stream should have moved once the old lease was over");
            }
        }

        Assert.Equal(key, moved.Key);
        Assert.NotEqual(old.LeaseId, moved.LeaseId);
        var overview = await Scheduler.GetOverviewAsync();
        Assert.DoesNotContain(overview.Workers, w => w.WorkerId == vanishing.Id);
        Assert.Equal([key], Assert.Single(overview.Workers, w => w.WorkerId == survivor.Id).Streams);
    }

    [Fact]
    public async Task A_worker_that_leaves_releases_its_streams_at_once()
    {
        var leaving = new SimulatedWorker("worker-leaving", capacity: 1);
        await leaving.HeartbeatAsync(Scheduler, Now);
        var key = SchedulerCluster.NewKey("released");
        await Scheduler.ScheduleAsync(SchedulerCluster.Follow(key));
        var old = Assert.Single((await leaving.HeartbeatAsync(Scheduler, Now)).Leases);
        var other = new SimulatedWorker("worker-other", capacity: 1);
        await other.HeartbeatAsync(Scheduler, Now);

        await leaving.LeaveAsync(Scheduler);
        var taken = Assert.Single((await other.HeartbeatAsync(Scheduler, Now)).Leases);

        Assert.Equal(key, taken.Key);
        Assert.NotEqual(old.LeaseId, taken.LeaseId);
    }

    [Fact]
    public async Task An_unscheduled_stream_is_dropped_from_its_worker_and_from_the_overview()
    {
        var worker = new SimulatedWorker("worker-unschedule", capacity: 2);
        await worker.HeartbeatAsync(Scheduler, Now);
        var kept = SchedulerCluster.NewKey("kept");
        var dropped = SchedulerCluster.NewKey("dropped");
        var waiting = SchedulerCluster.NewKey("waiting");
        await Scheduler.ScheduleAsync(SchedulerCluster.Follow(kept, priority: 2));
        await Scheduler.ScheduleAsync(SchedulerCluster.Follow(dropped, priority: 2));
        await Scheduler.ScheduleAsync(SchedulerCluster.Follow(waiting, priority: 1));
        Assert.Equal(2, (await worker.HeartbeatAsync(Scheduler, Now)).Leases.Count);

        await Scheduler.UnscheduleAsync(dropped);
        await Scheduler.UnscheduleAsync(waiting);
        var answer = await worker.HeartbeatAsync(Scheduler, Now);

        Assert.Equal([kept], answer.Leases.Select(l => l.Key));
        var overview = await Scheduler.GetOverviewAsync();
        Assert.Empty(overview.Waiting);
        Assert.Equal([kept], Assert.Single(overview.Workers).Streams);
    }

    [Fact]
    public async Task A_stream_is_never_leased_to_two_live_workers_whatever_the_heartbeats_do()
    {
        foreach (var seed in new[] { 1, 2, 3 })
        {
            await _node.ResetAsync();
            await RunRandomScheduleAsync(new Random(seed), seed);
        }
    }

    [Fact]
    public async Task A_reactivated_scheduler_rebuilds_its_streams_from_the_store_and_keeps_what_workers_run()
    {
        const string tenant = "tenant-rebuild";
        await using (var scope = _node.Store.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TenantStore>().CreateAsync(tenant, "Rebuild");
            var streams = scope.ServiceProvider.GetRequiredService<StreamStore>();
            await streams.RegisterAsync(tenant, new StreamRegistration("running", "rtmp://media.example/running", Priority: 2));
            await streams.RegisterAsync(tenant, new StreamRegistration("unreported", "rtmp://media.example/unreported", Priority: 1));
            await streams.RegisterAsync(tenant, new StreamRegistration("stopped", "rtmp://media.example/stopped"));
            await streams.SetStateAsync(tenant, "stopped", StreamState.Stopped);
            await streams.RegisterAsync(tenant, new StreamRegistration("failed", "rtmp://media.example/failed"));
            await streams.SetStateAsync(tenant, "failed", StreamState.Failed);
            await streams.RegisterAsync(tenant, new StreamRegistration("pushed"));
        }

        var running = new StreamKey(tenant, "running");
        var unreported = new StreamKey(tenant, "unreported");
        var leaseBeforeRestart = Guid.NewGuid();

        await Scheduler.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        var rebuilt = await WaitForRebuildAsync([running, unreported]);

        Assert.Empty(rebuilt.Workers);
        var holder = new SimulatedWorker("worker-holder", capacity: 1);
        var idle = new SimulatedWorker("worker-fresh", capacity: 5);
        var held = await Scheduler.HeartbeatAsync(new WorkerHeartbeat(holder.Id, holder.Capacity, [new RunningLease(running, leaseBeforeRestart)]));
        holder.Accept(held, Now);
        Assert.Equal([new StreamLease(running, "rtmp://media.example/running", leaseBeforeRestart)], held.Leases);

        // Nobody reported the other stream: a worker that has not heartbeated yet may still run it, so it waits one
        // lease period from the activation before it is handed out.
        var activatedBy = Now;
        Assert.Empty((await idle.HeartbeatAsync(Scheduler, Now)).Leases);
        IReadOnlyList<StreamLease> taken = [];
        while (taken.Count == 0)
        {
            _node.Clock.Advance(Heartbeat);
            Assert.Equal(held.Leases, (await holder.HeartbeatAsync(Scheduler, Now)).Leases);
            taken = (await idle.HeartbeatAsync(Scheduler, Now)).Leases;
            Assert.True(taken.Count == 0 || Now - activatedBy >= _node.LeaseDuration, "an unreported stream was handed out during the grace period");
        }

        Assert.Equal([unreported], taken.Select(l => l.Key));
    }

    // The activation that follows a deactivation reads the store; what it shows once it has.
    private async Task<SchedulerOverview> WaitForRebuildAsync(IReadOnlyList<StreamKey> expected)
    {
        SchedulerOverview overview;
        var attempts = 0;
        do
        {
            await Task.Delay(50);
            overview = await Scheduler.GetOverviewAsync();
        }
        while (!overview.Waiting.SequenceEqual(expected) && ++attempts < 100);

        Assert.Equal(expected, overview.Waiting);
        return overview;
    }

    // Workers heartbeat, fall silent, come back, leave and change capacity at random while streams come and go; after
    // every step no stream may run on two workers, judged as the workers see their own leases.
    private async Task RunRandomScheduleAsync(Random random, int seed)
    {
        var workers = Enumerable.Range(0, 4).Select(i => new SimulatedWorker($"worker-{seed}-{i}", random.Next(1, 4))).ToList();
        var keys = Enumerable.Range(0, 6).Select(i => SchedulerCluster.NewKey($"random-{seed}-{i}")).ToList();
        var followed = new HashSet<StreamKey>();
        var silentUntil = workers.ToDictionary(w => w.Id, _ => DateTimeOffset.MinValue);
        var lastHolder = new Dictionary<StreamKey, (string Worker, Guid LeaseId)>();
        foreach (var key in keys)
        {
            await Scheduler.ScheduleAsync(SchedulerCluster.Follow(key, random.Next(0, 3)));
            followed.Add(key);
        }

        for (var step = 0; step < 150; step++)
        {
            _node.Clock.Advance(TimeSpan.FromMilliseconds(random.Next(200, 4000)));
            var now = Now;
            var roll = random.Next(100);
            if (roll < 5)
            {
                var key = keys[random.Next(keys.Count)];
                if (followed.Remove(key))
                {
                    await Scheduler.UnscheduleAsync(key);
                }
                else
                {
                    followed.Add(key);
                    await Scheduler.ScheduleAsync(SchedulerCluster.Follow(key, random.Next(0, 3)));
                }
            }
            else if (roll < 8)
            {
                await workers[random.Next(workers.Count)].LeaveAsync(Scheduler);
            }
            else if (roll < 15)
            {
                // A pause longer than a lease (GC, network): the worker misses heartbeats, its leases run out.
                silentUntil[workers[random.Next(workers.Count)].Id] = now + TimeSpan.FromSeconds(random.Next(5, 25));
            }
            else if (roll < 20)
            {
                workers[random.Next(workers.Count)].Capacity = random.Next(0, 4);
            }

            foreach (var worker in workers.Where(w => silentUntil[w.Id] <= now && random.Next(100) < 70))
            {
                var answer = await worker.HeartbeatAsync(Scheduler, now);
                foreach (var lease in answer.Leases)
                {
                    Assert.Contains(lease.Key, followed);
                    if (lastHolder.TryGetValue(lease.Key, out var previous) && previous.Worker != worker.Id)
                    {
                        Assert.NotEqual(previous.LeaseId, lease.LeaseId);
                    }

                    lastHolder[lease.Key] = (worker.Id, lease.LeaseId);
                }

                AssertOneHolderAtMost(workers, now, seed, step);
            }

            AssertOneHolderAtMost(workers, now, seed, step);
        }

        // Once everyone heartbeats again and there is room, every followed stream runs somewhere.
        foreach (var worker in workers)
        {
            worker.Capacity = keys.Count;
        }

        for (var round = 0; round < 8; round++)
        {
            _node.Clock.Advance(Heartbeat);
            foreach (var worker in workers)
            {
                await worker.HeartbeatAsync(Scheduler, Now);
                AssertOneHolderAtMost(workers, Now, seed, -1);
            }
        }

        var running = workers.SelectMany(w => w.Running(Now).Keys).ToHashSet();
        Assert.Equal(followed.OrderBy(k => k.StreamId), running.OrderBy(k => k.StreamId));
    }

    private static void AssertOneHolderAtMost(IReadOnlyList<SimulatedWorker> workers, DateTimeOffset now, int seed, int step)
    {
        var holders = workers.SelectMany(w => w.Running(now).Keys.Select(k => (Key: k, Worker: w.Id))).GroupBy(h => h.Key);
        foreach (var stream in holders)
        {
            Assert.True(stream.Count() == 1, $"seed {seed}, step {step}: {stream.Key} runs on {string.Join(", ", stream.Select(h => h.Worker))}");
        }
    }
}
