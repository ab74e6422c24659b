using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using LiveWatch.Contracts.Feed;
using LiveWatch.Grains.Feed;
using LiveWatch.Silo.Api.Authentication;
using LiveWatch.Silo.Api.Models;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace LiveWatch.Silo.Api.Endpoints;

/// <summary>
/// <c>GET /api/v1/feed</c>: the platform's live feed (incidents opened and updated, level and stream state changes) as
/// server-sent events. Each event's id is its store sequence: a client that reconnects with <c>Last-Event-ID</c> (or
/// <c>?after=</c>) gets everything it missed, from the store, then the live events, in order and once each.
/// </summary>
internal static class FeedEndpoints
{
    public static RouteGroupBuilder MapFeedEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/feed", Follow).WithTags("Feed").RequireAuthorization(ApiKeyDefaults.PlatformPolicy)
            .WithSummary("Follow the platform's live feed (text/event-stream); resume with Last-Event-ID or ?after=");
        return api;
    }

    private static async Task Follow(
        long? after, HttpContext context, TenantFeedSubscriber subscriber, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var from = after ?? LastEventId(context.Request) ?? 0;
        if (from < 0)
        {
            throw new ArgumentException($"after must not be negative, got {from}.");
        }

        // Headers and a comment go out at once, not with the first event: a quiet tenant's client (and any proxy on
        // the way) must see the connection is up.
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync(": connected\n\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        var options = json.Value.SerializerOptions;
        await SseFormatter.WriteAsync(
            EventsAsync(subscriber, context.User.TenantId(), from, cancellationToken),
            response.Body,
            (item, writer) =>
            {
                using var data = new Utf8JsonWriter(writer);
                JsonSerializer.Serialize(data, item.Data, options);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static async IAsyncEnumerable<SseItem<FeedEventResponse>> EventsAsync(
        TenantFeedSubscriber subscriber, string tenant, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var subscription = await subscriber.SubscribeAsync(tenant, after).ConfigureAwait(false);
        await foreach (var notification in subscription.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return new SseItem<FeedEventResponse>(ToResponse(notification), notification.Kind.ToString())
            {
                EventId = notification.Sequence.ToString(CultureInfo.InvariantCulture),
            };
        }
    }

    private static long? LastEventId(HttpRequest request) =>
        long.TryParse(request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static FeedEventResponse ToResponse(FeedNotification n) =>
        new(n.Sequence, n.Kind.ToString(), n.IncidentId, n.StreamId, n.At, JsonDocument.Parse(n.Payload).RootElement.Clone());
}
