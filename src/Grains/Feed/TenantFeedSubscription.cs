using System.Threading.Channels;
using LiveWatch.Contracts.Feed;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace LiveWatch.Grains.Feed;

/// <summary>
/// One subscriber's view of a tenant's live feed: every event after a given sequence, in sequence order, each exactly
/// once, whether its notification arrived, arrived twice, out of order, or never. Enumerate it once; disposing it
/// unsubscribes and ends the enumeration.
/// </summary>
/// <remarks>
/// The Orleans streams are only the fast path. The subscription subscribes first and then reads the store from the
/// last sequence seen, so nothing falls between the two. A notification whose
/// <see cref="FeedNotification.PreviousSequence"/> is the last sequence delivered (or older) is delivered as it is;
/// one whose previous sequence is newer reveals a gap, and the store is read from the last sequence seen (the store
/// has the missing events and this one, which was committed before it was sent). Notifications already delivered
/// are dropped. The store is also read every <see cref="FeedOptions.StoreReadInterval"/>, so an event whose
/// notification was lost is delivered even if no later notification reveals the gap.
/// </remarks>
public sealed partial class TenantFeedSubscription : IAsyncEnumerable<FeedNotification>, IAsyncDisposable
{
    private readonly Channel<FeedNotification> _notifications = Channel.CreateUnbounded<FeedNotification>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<StreamSubscriptionHandle<FeedNotification>> _handles = [];
    private readonly CancellationTokenSource _disposed = new();
    private readonly IServiceScopeFactory _scopes;
    private readonly FeedOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _lastSequence;
    private int _enumerated;

    private TenantFeedSubscription(string tenantId, long afterSequence, IServiceScopeFactory scopes, FeedOptions options, TimeProvider time, ILogger logger)
    {
        TenantId = tenantId;
        _lastSequence = afterSequence;
        _scopes = scopes;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>The tenant followed.</summary>
    public string TenantId { get; }

    /// <summary>The sequence of the last event delivered (or the one the subscription started after).</summary>
    public long LastSequence => Interlocked.Read(ref _lastSequence);

    /// <summary>Subscribes to the tenant's feed streams; events are read from the store once enumeration starts.</summary>
    internal static async Task<TenantFeedSubscription> StartAsync(
        IStreamProvider streams,
        IServiceScopeFactory scopes,
        FeedOptions options,
        TimeProvider time,
        ILogger logger,
        string tenantId,
        long afterSequence)
    {
        var subscription = new TenantFeedSubscription(tenantId, afterSequence, scopes, options, time, logger);
        try
        {
            foreach (var ns in FeedStreams.Namespaces)
            {
                var stream = streams.GetStream<FeedNotification>(StreamId.Create(ns, tenantId));
                subscription._handles.Add(await stream.SubscribeAsync(subscription.OnNotificationAsync).ConfigureAwait(false));
            }
        }
        catch
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return subscription;
    }

    /// <inheritdoc />
    public async IAsyncEnumerator<FeedNotification> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("A feed subscription can be enumerated only once; start another subscription.");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        var token = stop.Token;
        var readStore = true;
        while (true)
        {
            if (readStore)
            {
                // Page by page until the store has nothing newer.
                IReadOnlyList<FeedNotification>? page;
                do
                {
                    page = await ReadStoreAsync(token).ConfigureAwait(false);
                    if (page is null)
                    {
                        yield break;
                    }

                    foreach (var notification in page)
                    {
                        if (notification.Sequence > _lastSequence)
                        {
                            Interlocked.Exchange(ref _lastSequence, notification.Sequence);
                            yield return notification;
                        }
                    }
                }
                while (page.Count == _options.ReadBatchSize && !_disposed.IsCancellationRequested);

                readStore = false;
            }

            var (next, ended) = await NextNotificationAsync(token).ConfigureAwait(false);
            if (ended)
            {
                yield break;
            }

            if (next is null)
            {
                // The period passed: a notification may have been lost with nothing after it to reveal the gap.
                readStore = true;
            }
            else if (next.Sequence <= _lastSequence)
            {
                // Already delivered (from the store, or a repeated notification).
            }
            else if (next.PreviousSequence <= _lastSequence)
            {
                Interlocked.Exchange(ref _lastSequence, next.Sequence);
                yield return next;
            }
            else
            {
                LogGap(TenantId, _lastSequence, next.PreviousSequence, next.Sequence);
                readStore = true;
            }
        }
    }

    /// <summary>Unsubscribes from the feed streams and ends the enumeration.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        _notifications.Writer.TryComplete();
        foreach (var handle in _handles)
        {
            try
            {
                await handle.UnsubscribeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The subscription is dropped from pub-sub when its stream is next used; nothing to deliver anyway.
                LogUnsubscribeFailed(e, TenantId);
            }
        }

        _handles.Clear();
    }

    private Task OnNotificationAsync(FeedNotification notification, StreamSequenceToken? token)
    {
        // Only a hint of what to deliver: the enumeration decides, in its own order.
        if (notification.TenantId == TenantId)
        {
            _notifications.Writer.TryWrite(notification);
        }

        return Task.CompletedTask;
    }

    // The next page of events from the store; null when the subscription was disposed meanwhile.
    private async Task<IReadOnlyList<FeedNotification>?> ReadStoreAsync(CancellationToken token)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var feed = scope.ServiceProvider.GetRequiredService<FeedStore>();
            return await feed.GetNotificationsAfterAsync(TenantId, _lastSequence, _options.ReadBatchSize, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            return null;
        }
    }

    // The next notification; null when the store read period passed first; ended when the subscription was disposed.
    // Cancellation by the enumerating caller is thrown.
    private async Task<(FeedNotification? Next, bool Ended)> NextNotificationAsync(CancellationToken token)
    {
        using var timer = new CancellationTokenSource(_options.StoreReadInterval, _time);
        using var period = CancellationTokenSource.CreateLinkedTokenSource(token, timer.Token);
        try
        {
            return (await _notifications.Reader.ReadAsync(period.Token).ConfigureAwait(false), false);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            return (null, true);
        }
        catch (ChannelClosedException)
        {
            return (null, true);
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            return (null, false);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed of tenant {TenantId}: last seen {LastSequence}, notified {Sequence} after {PreviousSequence}; reading the gap from the store")]
    private partial void LogGap(string tenantId, long lastSequence, long previousSequence, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed of tenant {TenantId}: unsubscribing failed")]
    private partial void LogUnsubscribeFailed(Exception exception, string tenantId);
}
