using LiveWatch.Contracts.Feed;
using LiveWatch.Grains.Feed;

namespace LiveWatch.Grains.Tests.Feed;

/// <summary>Enumerates a feed subscription in the background and keeps what it delivers, for tests to wait on.</summary>
internal sealed class FeedRecorder : IAsyncDisposable
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);
    private readonly TenantFeedSubscription _subscription;
    private readonly List<FeedNotification> _received = [];
    private readonly Task _pump;

    public FeedRecorder(TenantFeedSubscription subscription)
    {
        _subscription = subscription;
        _pump = Task.Run(async () =>
        {
            await foreach (var notification in subscription)
            {
                lock (_received)
                {
                    _received.Add(notification);
                }
            }
        });
    }

    public IReadOnlyList<FeedNotification> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Waits until what was received satisfies <paramref name="done"/>; fails the test if it never does.</summary>
    public async Task<IReadOnlyList<FeedNotification>> WaitUntilAsync(Func<IReadOnlyList<FeedNotification>, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + s_patience;
        while (!done(Received))
        {
            if (_pump.IsFaulted)
            {
                await _pump;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The feed never delivered {what}; it delivered: {string.Join(", ", Received.Select(n => $"{n.Sequence} {n.Kind}"))}");
            await Task.Delay(50);
        }

        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        await _subscription.DisposeAsync();
        await _pump;
    }
}
