using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace LiveWatch.Silo.Tests.Api;

/// <summary>The platform's live feed over server-sent events: store catch-up, live events, resume, tenant isolation.</summary>
[Collection(SharedNode.Name)]
public sealed class LiveFeedApiTests(LiveWatchApiFactory node)
{
    [Fact]
    public async Task The_feed_replays_the_past_then_delivers_the_incident_live_and_resumes_after_the_last_event_id()
    {
        var tenant = ApiSteps.NewTenantId("feed");
        using var admin = node.Admin();
        using var platform = await node.NewTenantAsync(tenant);
        using var other = await node.NewTenantAsync(ApiSteps.NewTenantId("feed-other"));
        var (png, hash) = TestPictures.Png(seed: 9);
        var bank = await admin.CreateBankAsync(tenant);
        await admin.ImportHashesAsync(tenant, bank.Id, hash);
        await platform.RegisterAsync("live-1");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var feed = await FeedReader.OpenAsync(platform, "/api/v1/feed", timeout.Token);
        await using var otherFeed = await FeedReader.OpenAsync(other, "/api/v1/feed", timeout.Token);
        var registered = await feed.NextAsync();
        var incident = (await platform.PushUntilAsync("live-1", png, run: "r")).IncidentId;
        var events = new List<SseItem<string>> { registered };
        while (!events.Any(e => e.EventType == "IncidentOpened"))
        {
            events.Add(await feed.NextAsync());
        }
        Assert.Equal("StreamStateChanged", registered.EventType);
        var opened = events.Single(e => e.EventType == "IncidentOpened");
        Assert.Equal(incident.ToString(), JsonDocument.Parse(opened.Data).RootElement.GetProperty("incidentId").GetString());
        var sequences = events.Select(e => long.Parse(e.EventId!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(sequences.Order().Distinct(), sequences);

        // Reconnecting after the first event gets the second one first: nothing missed, nothing repeated.
        using var resume = new HttpRequestMessage(HttpMethod.Get, "/api/v1/feed");
        resume.Headers.Add("Last-Event-ID", registered.EventId);
        await using var resumed = await FeedReader.OpenAsync(platform, resume, timeout.Token);
        Assert.Equal(events[1].EventId, (await resumed.NextAsync()).EventId);

        // The other tenant's feed stays silent: its first event would be its own, and it has none.
        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => otherFeed.NextAsync(quiet.Token));
    }

    [Fact]
    public async Task The_feed_needs_a_platform_key()
    {
        using var anonymous = node.Client(null);
        using var admin = node.Admin();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/v1/feed", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(new Uri("/api/v1/feed", UriKind.Relative))).StatusCode);
    }

    /// <summary>Reads server-sent events from an open response, one at a time.</summary>
    private sealed class FeedReader : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly IAsyncEnumerator<SseItem<string>> _events;
        private readonly CancellationToken _cancellation;

        private FeedReader(HttpResponseMessage response, Stream body, CancellationToken cancellation)
        {
            _response = response;
            _cancellation = cancellation;
            _events = SseParser.Create(body).EnumerateAsync(cancellation).GetAsyncEnumerator(cancellation);
        }

        public static Task<FeedReader> OpenAsync(HttpClient client, string path, CancellationToken cancellation) =>
            OpenAsync(client, new HttpRequestMessage(HttpMethod.Get, path), cancellation);

        public static async Task<FeedReader> OpenAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellation)
        {
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            return new FeedReader(response, await response.Content.ReadAsStreamAsync(cancellation), cancellation);
        }

        public async Task<SseItem<string>> NextAsync(CancellationToken cancellation = default)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cancellation, cancellation);
            var next = _events.MoveNextAsync().AsTask();
            var finished = await Task.WhenAny(next, Task.Delay(Timeout.Infinite, linked.Token));
            if (finished != next)
            {
                throw new OperationCanceledException("no feed event arrived", linked.Token);
            }

            Assert.True(await next, "the feed ended");
            return _events.Current;
        }

        public async ValueTask DisposeAsync()
        {
            _response.Dispose();
            try
            {
                await _events.DisposeAsync();
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException or NotSupportedException)
            {
                // The response was closed under the enumerator, or a read is still pending (the parser refuses to dispose
                // then): nothing more will be read either way.
            }
        }
    }
}
