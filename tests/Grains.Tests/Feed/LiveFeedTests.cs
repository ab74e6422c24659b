using LiveWatch.Contracts.Feed;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Grains.Feed;
using LiveWatch.Grains.Tests.Cluster;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveWatch.Grains.Tests.Feed;

/// <summary>
/// Tenants' live feeds on a two-silo cluster: incidents opened by real frames reach subscribers through Orleans
/// memory streams, and what the streams lose is read from the moderation store.
/// </summary>
public sealed class LiveFeedTests : IClassFixture<SingleNodeCluster>
{
    // Store re-reads this far apart never happen during a test: whatever arrives after the catch-up came by a
    // notification, or by a gap that a notification revealed.
    private static readonly TimeSpan s_rarely = TimeSpan.FromHours(1);
    private static readonly TimeSpan s_often = TimeSpan.FromMilliseconds(200);
    private readonly SingleNodeCluster _node;

    public LiveFeedTests(SingleNodeCluster node)
    {
        _node = node;
    }

    [Fact]
    public async Task A_subscriber_sees_an_incident_opened_by_matching_frames_with_its_store_sequence()
    {
        const string tenant = "feed-live";
        var canvas = Pictures.Canvas(seed: 21);
        await _node.PrepareMatchingStreamAsync(tenant, "live-1", canvas);
        var start = await LatestSequenceAsync(tenant);
        await using var feed = new FeedRecorder(await SubscribeAsync(tenant, start, s_rarely));

        var ack = await _node.StreamGrain(tenant, "live-1").IngestAsync(new FrameBatch("run-1", [Pictures.Frame(1, canvas)]));
        var received = await feed.WaitUntilAsync(r => r.Any(n => n.Kind == FeedEventKind.IncidentUpdated), "the incident's matches");

        var stored = await StoredAfterAsync(tenant, start);
        Assert.Equal([FeedEventKind.IncidentOpened, FeedEventKind.IncidentUpdated], stored.Select(e => e.Kind));
        Assert.Equal(stored.Select(e => e.Sequence), received.Select(n => n.Sequence));
        var opened = received[0];
        Assert.Equal((tenant, ack.IncidentId, "live-1", start), (opened.TenantId, opened.IncidentId, opened.StreamId, opened.PreviousSequence));
        Assert.Contains("\"level\":\"Alert\"", opened.Payload, StringComparison.Ordinal);
        Assert.Equal(opened.Sequence, received[1].PreviousSequence);
    }

    [Fact]
    public async Task A_subscriber_that_starts_after_the_events_catches_up_from_the_store_in_order()
    {
        const string tenant = "feed-catch-up";
        var canvas = Pictures.Canvas(seed: 22);
        await _node.PrepareMatchingStreamAsync(tenant, "catch-1", canvas);
        await _node.StreamGrain(tenant, "catch-1").IngestAsync(new FrameBatch("run-1", [Pictures.Frame(1, canvas)]));
        var stored = await StoredAfterAsync(tenant, 0);
        Assert.Contains(stored, e => e.Kind == FeedEventKind.IncidentOpened);

        // The silo's own subscriber (what the dashboard and the API use), from the beginning and from the middle.
        var subscriber = SiloServices.GetRequiredService<TenantFeedSubscriber>();
        await using var everything = new FeedRecorder(await subscriber.SubscribeAsync(tenant, 0));
        await using var resumed = new FeedRecorder(await subscriber.SubscribeAsync(tenant, stored[0].Sequence));
        var all = await everything.WaitUntilAsync(r => r.Count >= stored.Count, "every stored event");
        var rest = await resumed.WaitUntilAsync(r => r.Count >= stored.Count - 1, "the events after the first");

        Assert.Equal(stored.Select(e => (e.Sequence, e.Kind)), all.Select(n => (n.Sequence, n.Kind)));
        Assert.Equal(stored.Skip(1).Select(e => e.Sequence), rest.Select(n => n.Sequence));
    }

    [Fact]
    public async Task An_event_whose_notification_was_lost_is_read_from_the_store_on_the_next_period()
    {
        const string tenant = "feed-lost";
        await _node.RegisterAsync(tenant, "lost-1");
        var start = await LatestSequenceAsync(tenant);
        await using var feed = new FeedRecorder(await SubscribeAsync(tenant, start, s_often));

        // Written to the store with no notification at all, as if the notification had been lost.
        await _node.RegisterAsync(tenant, "lost-2");
        var received = await feed.WaitUntilAsync(r => r.Any(n => n.StreamId == "lost-2"), "the second stream's registration");

        var stored = await StoredAfterAsync(tenant, start);
        Assert.Equal(stored.Select(e => (e.Sequence, e.Kind, e.StreamId)), received.Select(n => (n.Sequence, n.Kind, n.StreamId)));
    }

    [Fact]
    public async Task A_notification_that_follows_a_lost_one_reveals_the_gap_and_the_store_fills_it()
    {
        const string tenant = "feed-gap";
        var canvas = Pictures.Canvas(seed: 23);
        await _node.PrepareMatchingStreamAsync(tenant, "gap-1", canvas);
        var start = await LatestSequenceAsync(tenant);
        await using var feed = new FeedRecorder(await SubscribeAsync(tenant, start, s_rarely));

        // A lost notification, then an incident whose notifications arrive: the first says its previous event is
        // one the subscriber never saw.
        await _node.RegisterAsync(tenant, "gap-2");
        await _node.StreamGrain(tenant, "gap-1").IngestAsync(new FrameBatch("run-1", [Pictures.Frame(1, canvas)]));
        var received = await feed.WaitUntilAsync(r => r.Any(n => n.Kind == FeedEventKind.IncidentUpdated), "the incident's matches");

        var stored = await StoredAfterAsync(tenant, start);
        Assert.Equal(
            [FeedEventKind.StreamStateChanged, FeedEventKind.IncidentOpened, FeedEventKind.IncidentUpdated],
            stored.Select(e => e.Kind));
        Assert.Equal(stored.Select(e => e.Sequence), received.Select(n => n.Sequence));
    }

    [Fact]
    public async Task A_tenants_subscriber_never_sees_another_tenants_events()
    {
        const string tenantA = "feed-iso-a", tenantB = "feed-iso-b";
        var canvas = Pictures.Canvas(seed: 24);
        await _node.PrepareMatchingStreamAsync(tenantA, "a-1", canvas);
        await _node.RegisterAsync(tenantB, "a-1");
        var startA = await LatestSequenceAsync(tenantA);
        await using var feedA = new FeedRecorder(await SubscribeAsync(tenantA, startA, s_rarely));
        await using var feedB = new FeedRecorder(await SubscribeAsync(tenantB, 0, s_often));

        await _node.StreamGrain(tenantA, "a-1").IngestAsync(new FrameBatch("run-1", [Pictures.Frame(1, canvas)]));
        await feedA.WaitUntilAsync(r => r.Any(n => n.Kind == FeedEventKind.IncidentUpdated), "tenant A's incident");
        // B's feed is alive after A's incident: its own later event arrives.
        await _node.RegisterAsync(tenantB, "b-2");
        var receivedB = await feedB.WaitUntilAsync(r => r.Any(n => n.StreamId == "b-2"), "tenant B's second stream");

        Assert.All(receivedB, n => Assert.Equal(tenantB, n.TenantId));
        Assert.Equal((await StoredAfterAsync(tenantB, 0)).Select(e => e.Sequence), receivedB.Select(n => n.Sequence));
        Assert.Empty((await StoredAfterAsync(tenantA, 0)).Select(e => e.Sequence).Intersect(receivedB.Select(n => n.Sequence)));
    }

    private IServiceProvider SiloServices => _node.Cluster.Silos[0].ServiceProvider;

    private async Task<TenantFeedSubscription> SubscribeAsync(string tenant, long afterSequence, TimeSpan storeReadInterval) =>
        await TenantFeedSubscription.StartAsync(
            SiloServices.GetRequiredService<IClusterClient>().GetStreamProvider(FeedStreams.ProviderName),
            SiloServices.GetRequiredService<IServiceScopeFactory>(),
            new FeedOptions { StoreReadInterval = storeReadInterval },
            TimeProvider.System,
            NullLogger.Instance,
            tenant,
            afterSequence);

    private async Task<long> LatestSequenceAsync(string tenant)
    {
        await using var scope = _node.Store.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FeedStore>().GetLatestSequenceAsync(tenant);
    }

    private async Task<IReadOnlyList<FeedEvent>> StoredAfterAsync(string tenant, long afterSequence)
    {
        await using var scope = _node.Store.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FeedStore>().GetEventsAfterAsync(tenant, afterSequence, FeedStore.MaxEventsPerRead);
    }
}
