using LiveWatch.Contracts.Feed;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using LiveWatch.Storage.Tests.Infrastructure;

namespace LiveWatch.Storage.Tests.Stores;

public abstract class StreamStoreTests : StoreTestBase
{
    [Fact]
    public async Task A_stream_is_registered_once_and_its_state_changes_are_on_the_feed()
    {
        await CreateTenantAsync("acme");
        await using var s = Open();
        var stream = await s.Streams.RegisterAsync("acme", new StreamRegistration("s1", "rtmp://ingest.example/live/s1", "chan", "u1", "Title", 5));
        Assert.Equal((StreamState.Registered, 5), (stream.State, stream.Priority));
        await Assert.ThrowsAsync<EntityConflictException>(() => s.Streams.RegisterAsync("acme", new StreamRegistration("s1")));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => s.Streams.RegisterAsync("ghost", new StreamRegistration("s1")));

        await s.Streams.SetStateAsync("acme", "s1", StreamState.Live);
        await s.Streams.SetStateAsync("acme", "s1", StreamState.Live);
        Time.Advance(TimeSpan.FromMinutes(1));
        var stopped = await s.Streams.SetStateAsync("acme", "s1", StreamState.Stopped);
        Assert.Equal(Time.GetUtcNow(), stopped.StoppedAt);

        var events = await s.Feed.GetEventsAfterAsync("acme", 0);
        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal((FeedEventKind.StreamStateChanged, "s1"), (e.Kind, e.StreamId)));
        Assert.Contains("\"state\":\"Stopped\"", events[2].Payload, StringComparison.Ordinal);
        Assert.Equal(events[2].Sequence, await s.Feed.GetLatestSequenceAsync("acme"));
        Assert.Equal([events[2].Sequence], (await s.Feed.GetEventsAfterAsync("acme", events[1].Sequence)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task Last_frame_time_and_listing()
    {
        await CreateTenantAsync("acme");
        await using var s = Open();
        await s.Streams.RegisterAsync("acme", new StreamRegistration("low", Priority: 1));
        await s.Streams.RegisterAsync("acme", new StreamRegistration("high", Priority: 9));
        await s.Streams.SetStateAsync("acme", "high", StreamState.Live);
        var frameAt = new DateTimeOffset(2026, 3, 1, 14, 0, 0, 500, TimeSpan.FromHours(-5));

        Assert.True(await s.Streams.RecordFrameAsync("acme", "high", frameAt));
        Assert.False(await s.Streams.RecordFrameAsync("acme", "nope", frameAt));

        Assert.Equal(frameAt, (await s.Streams.GetAsync("acme", "high"))!.LastFrameAt);
        Assert.Equal(["high", "low"], (await s.Streams.ListAsync("acme")).Select(x => x.StreamId));
        Assert.Equal(["high"], (await s.Streams.ListAsync("acme", StreamState.Live)).Select(x => x.StreamId));
    }

    [Fact]
    public async Task Pulled_streams_to_follow_span_tenants_and_leave_out_pushed_stopped_ended_and_failed_ones()
    {
        await CreateTenantAsync("acme");
        await CreateTenantAsync("globex");
        await using var s = Open();
        await s.Streams.RegisterAsync("acme", new StreamRegistration("live", "rtmp://ingest.example/live", Priority: 1));
        await s.Streams.RegisterAsync("globex", new StreamRegistration("urgent", "srt://ingest.example/urgent", Priority: 7));
        await s.Streams.RegisterAsync("acme", new StreamRegistration("pushed"));
        foreach (var (id, state) in new[] { ("stopped", StreamState.Stopped), ("ended", StreamState.Ended), ("failed", StreamState.Failed), ("stalled", StreamState.Stalled) })
        {
            await s.Streams.RegisterAsync("acme", new StreamRegistration(id, $"rtmp://ingest.example/{id}"));
            await s.Streams.SetStateAsync("acme", id, state);
        }

        var follow = await s.Streams.ListPulledToFollowAsync();

        Assert.Equal([("globex", "urgent"), ("acme", "live"), ("acme", "stalled")], follow.Select(f => (f.TenantId, f.StreamId)));
    }

    [Fact]
    public async Task An_ingest_state_never_overrides_a_stop_on_request()
    {
        await CreateTenantAsync("acme");
        await using var s = Open();
        await s.Streams.RegisterAsync("acme", new StreamRegistration("s1", "rtmp://ingest.example/s1"));

        Assert.Equal(StreamState.Live, (await s.Streams.SetIngestStateAsync("acme", "s1", StreamState.Live)).State);
        await s.Streams.SetStateAsync("acme", "s1", StreamState.Stopped);
        Assert.Equal(StreamState.Stopped, (await s.Streams.SetIngestStateAsync("acme", "s1", StreamState.Reconnecting)).State);

        Assert.Equal(StreamState.Stopped, (await s.Streams.GetAsync("acme", "s1"))!.State);
        Assert.Equal(3, (await s.Feed.GetEventsAfterAsync("acme", 0)).Count);
    }
}
