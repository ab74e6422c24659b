using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Scheduling;
using LiveWatch.Contracts.Streams;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace LiveWatch.Grains.Tests.Cluster;

/// <summary>Workers' ingest state reports through a stream's grain: store, status, feed and the scheduler.</summary>
[Collection(SharedCluster.Name)]
public sealed class IngestStateReportTests
{
    private readonly SingleNodeCluster _node;

    public IngestStateReportTests(SingleNodeCluster node)
    {
        _node = node;
    }

    private IIngestSchedulerGrain Scheduler => _node.Cluster.Client.GetGrain<IIngestSchedulerGrain>(IngestScheduler.Key);

    [Fact]
    public async Task A_report_sets_the_stored_state_shows_in_the_status_and_goes_to_the_feed_once()
    {
        var (tenant, stream) = await _node.RegisterAsync("tenant-ingest", "reported");
        var grain = _node.StreamGrain(tenant, stream);
        var report = new IngestStateReport(IngestState.Reconnecting, "ffmpeg exited: Connection reset by peer", "worker-1", DateTimeOffset.UtcNow, 2);

        await grain.ReportIngestStateAsync(new IngestStateReport(IngestState.Live, null, "worker-1", report.At.AddSeconds(-5), 1));
        await grain.ReportIngestStateAsync(report);
        await grain.ReportIngestStateAsync(report);

        var status = await grain.GetStatusAsync();
        Assert.Equal((IngestState.Reconnecting, report.Reason, "worker-1", 2), (status.IngestState, status.IngestReason, status.IngestWorkerId, status.IngestRestarts));
        Assert.Equal(report.At, status.IngestReportedAt);
        await using var scope = _node.Store.CreateAsyncScope();
        Assert.Equal(StreamState.Reconnecting, (await scope.ServiceProvider.GetRequiredService<StreamStore>().GetAsync(tenant, stream))!.State);
        var events = await scope.ServiceProvider.GetRequiredService<FeedStore>().GetEventsAfterAsync(tenant, 0);
        var states = events.Where(e => e.StreamId == stream && e.Kind == Contracts.Feed.FeedEventKind.StreamStateChanged).Select(e => e.Payload).ToList();
        Assert.Equal(3, states.Count);
        Assert.Contains("\"state\":\"Live\"", states[1], StringComparison.Ordinal);
        Assert.Contains("\"state\":\"Reconnecting\"", states[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_reason_is_cut_and_its_retry_is_still_a_repeat()
    {
        var (tenant, stream) = await _node.RegisterAsync("tenant-ingest", "long-reason");
        var grain = _node.StreamGrain(tenant, stream);
        var report = new IngestStateReport(IngestState.Failed, new string('x', 5000), "worker-1", DateTimeOffset.UtcNow, 5);

        await grain.ReportIngestStateAsync(report);
        await grain.ReportIngestStateAsync(report);

        Assert.Equal(LiveWatch.Grains.Monitoring.StreamMonitorGrain.MaxIngestReasonLength, (await grain.GetStatusAsync()).IngestReason!.Length);
        await using var scope = _node.Store.CreateAsyncScope();
        var events = await scope.ServiceProvider.GetRequiredService<FeedStore>().GetEventsAfterAsync(tenant, 0);
        Assert.Single(events, e => e.StreamId == stream && e.Payload.Contains("\"state\":\"Failed\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stale_report_of_the_same_worker_changes_nothing()
    {
        var (tenant, stream) = await _node.RegisterAsync("tenant-ingest", "stale");
        var grain = _node.StreamGrain(tenant, stream);
        var at = DateTimeOffset.UtcNow;

        await grain.ReportIngestStateAsync(new IngestStateReport(IngestState.Live, null, "worker-1", at, 0));
        await grain.ReportIngestStateAsync(new IngestStateReport(IngestState.Starting, null, "worker-1", at.AddSeconds(-1), 0));

        Assert.Equal(IngestState.Live, (await grain.GetStatusAsync()).IngestState);
        await using var scope = _node.Store.CreateAsyncScope();
        Assert.Equal(StreamState.Live, (await scope.ServiceProvider.GetRequiredService<StreamStore>().GetAsync(tenant, stream))!.State);
    }

    [Theory]
    [InlineData(IngestState.Ended, StreamState.Ended)]
    [InlineData(IngestState.Failed, StreamState.Failed)]
    public async Task A_source_that_ended_or_failed_is_unscheduled(IngestState state, StreamState stored)
    {
        var (tenant, stream) = await _node.RegisterAsync("tenant-ingest", $"gone-{state}");
        var key = new StreamKey(tenant, stream);
        await Scheduler.ScheduleAsync(new StreamToFollow(key, "rtmp://media.example/gone", 0));
        Assert.Contains(key, (await Scheduler.GetOverviewAsync()).Waiting);

        var report = new IngestStateReport(state, "end of stream", "worker-1", DateTimeOffset.UtcNow, 0);
        await _node.StreamGrain(tenant, stream).ReportIngestStateAsync(report);

        var overview = await Scheduler.GetOverviewAsync();
        Assert.DoesNotContain(key, overview.Waiting);
        Assert.DoesNotContain(overview.Workers, w => w.Streams.Contains(key));

        // A retried report (its first attempt may have failed before the scheduler heard of it) unschedules again.
        await Scheduler.ScheduleAsync(new StreamToFollow(key, "rtmp://media.example/gone", 0));
        await _node.StreamGrain(tenant, stream).ReportIngestStateAsync(report);
        Assert.DoesNotContain(key, (await Scheduler.GetOverviewAsync()).Waiting);
        await using var scope = _node.Store.CreateAsyncScope();
        Assert.Equal(stored, (await scope.ServiceProvider.GetRequiredService<StreamStore>().GetAsync(tenant, stream))!.State);
    }

    [Fact]
    public async Task A_report_for_a_stopped_stream_is_ignored()
    {
        var (tenant, stream) = await _node.RegisterAsync("tenant-ingest", "stopped");
        var grain = _node.StreamGrain(tenant, stream);
        await grain.StopAsync();
        await using var scope = _node.Store.CreateAsyncScope();
        var streams = scope.ServiceProvider.GetRequiredService<StreamStore>();
        await streams.SetStateAsync(tenant, stream, StreamState.Stopped);

        await grain.ReportIngestStateAsync(new IngestStateReport(IngestState.Live, null, "worker-late", DateTimeOffset.UtcNow, 0));

        var status = await grain.GetStatusAsync();
        Assert.True(status.Stopped);
        Assert.Null(status.IngestState);
        Assert.Equal(StreamState.Stopped, (await streams.GetAsync(tenant, stream))!.State);
    }
}
