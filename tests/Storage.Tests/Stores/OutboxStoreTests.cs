using LiveWatch.Storage.Tests.Infrastructure;

namespace LiveWatch.Storage.Tests.Stores;

public abstract class OutboxStoreTests : StoreTestBase
{
    [Fact]
    public async Task Enqueue_is_idempotent_by_key()
    {
        await CreateTenantAsync("acme");
        await using var s = Open();
        Assert.True(await s.Outbox.EnqueueAsync("acme", "incident.opened", new { id = 1 }, "k1"));
        Assert.False(await s.Outbox.EnqueueAsync("acme", "incident.opened", new { id = 2 }, "k1"));
        var message = Assert.Single(await s.Outbox.ListAsync("acme"));
        Assert.Equal("{\"id\":1}", message.Payload);
        Assert.Equal(0, message.Attempts);
    }

    [Fact]
    public async Task Due_messages_come_oldest_first_and_leave_once_delivered_or_dead()
    {
        await CreateTenantAsync("acme");
        await using var s = Open();
        await s.Outbox.EnqueueAsync("acme", "a", "{}", "k1");
        Time.Advance(TimeSpan.FromSeconds(1));
        await s.Outbox.EnqueueAsync("acme", "b", "{}", "k2");
        Time.Advance(TimeSpan.FromSeconds(1));
        await s.Outbox.EnqueueAsync("acme", "c", "{}", "k3");

        var due = await s.Outbox.GetDueAsync();
        Assert.Equal(["a", "b", "c"], due.Select(m => m.EventType));

        await s.Outbox.MarkDeliveredAsync(due[0].Id);
        await s.Outbox.MarkFailedAsync(due[1].Id, "HTTP 503", Time.GetUtcNow().AddMinutes(5));
        await s.Outbox.MarkFailedAsync(due[2].Id, "HTTP 410", Time.GetUtcNow(), deadLetter: true);
        Assert.Empty(await s.Outbox.GetDueAsync());

        Time.Advance(TimeSpan.FromMinutes(5));
        var retry = Assert.Single(await s.Outbox.GetDueAsync());
        Assert.Equal(("b", 1, "HTTP 503"), (retry.EventType, retry.Attempts, retry.LastError));
    }
}
