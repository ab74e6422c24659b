using LiveWatch.Contracts.Feed;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace LiveWatch.Grains.Feed;

/// <summary>
/// Sends feed events, once committed to the moderation store, on the tenant's feed streams. Best effort: the store is
/// the truth and subscribers catch up from it, so a failed send is logged and never fails the caller's change.
/// </summary>
internal static partial class FeedPublisher
{
    /// <summary>Sends <paramref name="notifications"/> in order; call it from the grain's turn, after the commit.</summary>
    public static async Task PublishAsync(IGrainBase grain, IReadOnlyList<FeedNotification> notifications, ILogger logger)
    {
        if (notifications.Count == 0)
        {
            return;
        }

        try
        {
            var provider = grain.GetStreamProvider(FeedStreams.ProviderName);
            foreach (var notification in notifications)
            {
                var stream = provider.GetStream<FeedNotification>(StreamId.Create(FeedStreams.NamespaceOf(notification.Kind), notification.TenantId));
                await stream.OnNextAsync(notification).ConfigureAwait(true);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Subscribers see the gap (or re-read the store on their next period) and read what was not sent.
            LogPublishFailed(logger, e, notifications[0].TenantId, notifications[0].Sequence, notifications[^1].Sequence);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed of tenant {TenantId}: events {FirstSequence}..{LastSequence} are stored but could not be sent live; subscribers will read them from the store")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string tenantId, long firstSequence, long lastSequence);
}
