using LiveWatch.Storage.Tests.Infrastructure;

namespace LiveWatch.Storage.Tests.Stores;

/// <summary>
/// Events fan out to the tenant's endpoints, once per event id; dispatchers claim them with leases, one stream's
/// messages one at a time and in order (on both providers: the claim is a conditional UPDATE with a subquery).
/// </summary>
public abstract class OutboxClaimTests : StoreTestBase
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_event_goes_to_every_endpoint_of_the_tenant_once_even_when_enqueued_again()
    {
        await CreateTenantAsync("acme");
        await CreateTenantAsync("other");
        await using var s = Open();
        var first = await s.WebhookEndpoints.CreateAsync("acme", new Uri("https://a.example/hook"), null);
        var second = await s.WebhookEndpoints.CreateAsync("acme", new Uri("https://b.example/hook"), "backup");
        await s.WebhookEndpoints.CreateAsync("other", new Uri("https://c.example/hook"), null);

        Assert.Equal(2, await s.Outbox.EnqueueEventAsync("acme", "stream.state", "cam-1", "stream.state:1", new { state = "Live" }));
        Assert.Equal(0, await s.Outbox.EnqueueEventAsync("acme", "stream.state", "cam-1", "stream.state:1", new { state = "Live" }));

        var messages = await s.Outbox.ListAsync("acme");
        Assert.Equal(2, messages.Count);
        Assert.Equal([first.Endpoint.Id, second.Endpoint.Id], messages.Select(m => m.EndpointId!.Value).Order());
        Assert.All(messages, m => Assert.Equal("stream.state:1", m.EventId));
        Assert.Equal(messages[0].Payload, messages[1].Payload);
        Assert.Contains("\"id\":\"stream.state:1\"", messages[0].Payload, StringComparison.Ordinal);
        Assert.Empty(await s.Outbox.ListAsync("other"));
    }

    [Fact]
    public async Task Only_the_oldest_pending_message_of_a_stream_is_claimed_and_a_lease_keeps_it_from_other_dispatchers()
    {
        await CreateTenantAsync("acme");
        await using var s = Open();
        await s.WebhookEndpoints.CreateAsync("acme", new Uri("https://a.example/hook"), null);
        await s.Outbox.EnqueueEventAsync("acme", "stream.state", "cam-1", "e1", new { n = 1 });
        await s.Outbox.EnqueueEventAsync("acme", "stream.state", "cam-1", "e2", new { n = 2 });
        await s.Outbox.EnqueueEventAsync("acme", "stream.state", "cam-2", "e3", new { n = 3 });

        var a = await s.Outbox.ClaimDueAsync("silo-a", Lease);
        Assert.Equal(["e1", "e3"], a.Select(m => m.EventId));
        Assert.All(a, m => Assert.Equal("silo-a", m.LeaseOwner));
        Assert.Empty(await s.Outbox.ClaimDueAsync("silo-b", Lease));

        // e1 fails: e2 still waits behind it, also once e1 is due again.
        await s.Outbox.MarkFailedAsync(a[0].Id, "HTTP 500", Time.GetUtcNow().AddSeconds(10));
        Assert.Empty(await s.Outbox.ClaimDueAsync("silo-b", Lease));
        Time.Advance(TimeSpan.FromSeconds(10));
        var retry = Assert.Single(await s.Outbox.ClaimDueAsync("silo-b", Lease));
        Assert.Equal(("e1", 1), (retry.EventId, retry.Attempts));

        // Delivered: now e2 is the stream's oldest pending message.
        await s.Outbox.MarkDeliveredAsync(retry.Id);
        Assert.Equal("e2", Assert.Single(await s.Outbox.ClaimDueAsync("silo-b", Lease)).EventId);

        // silo-a died holding e3: once its lease is over, another dispatcher takes it.
        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var taken = await s.Outbox.ClaimDueAsync("silo-c", Lease);
        Assert.Contains(taken, m => m.EventId == "e3" && m.LeaseOwner == "silo-c");
    }

    [Fact]
    public async Task A_dead_letter_no_longer_holds_its_stream_back_and_a_requeue_makes_it_due_again()
    {
        await CreateTenantAsync("acme");
        await using var s = Open();
        await s.WebhookEndpoints.CreateAsync("acme", new Uri("https://a.example/hook"), null);
        await s.Outbox.EnqueueEventAsync("acme", "stream.state", "cam-1", "e1", new { n = 1 });
        await s.Outbox.EnqueueEventAsync("acme", "stream.state", "cam-1", "e2", new { n = 2 });
        var first = Assert.Single(await s.Outbox.ClaimDueAsync("silo-a", Lease));

        await s.Outbox.MarkFailedAsync(first.Id, "HTTP 500", Time.GetUtcNow(), deadLetter: true);
        var second = Assert.Single(await s.Outbox.ClaimDueAsync("silo-a", Lease));
        Assert.Equal("e2", second.EventId);
        await s.Outbox.MarkDeliveredAsync(second.Id);
        Assert.Equal("e1", Assert.Single(await s.Outbox.ListDeadLettersAsync("acme")).EventId);

        await Assert.ThrowsAsync<EntityNotFoundException>(() => s.Outbox.RequeueDeadLetterAsync("other", first.Id));
        await Assert.ThrowsAsync<EntityConflictException>(() => s.Outbox.RequeueDeadLetterAsync("acme", second.Id));
        var requeued = await s.Outbox.RequeueDeadLetterAsync("acme", first.Id);
        Assert.Equal(Time.GetUtcNow(), requeued.RequeuedAt);
        Assert.Empty(await s.Outbox.ListDeadLettersAsync("acme"));
        Assert.Equal("e1", Assert.Single(await s.Outbox.ClaimDueAsync("silo-a", Lease)).EventId);
    }

    [Fact]
    public async Task A_rotation_keeps_the_previous_secret_for_signing_until_it_expires_and_deleting_an_endpoint_drops_its_queue()
    {
        await CreateTenantAsync("acme");
        await using var s = Open();
        var created = await s.WebhookEndpoints.CreateAsync("acme", new Uri("https://a.example/hook"), null);
        var rotated = await s.WebhookEndpoints.RotateSecretAsync("acme", created.Endpoint.Id, TimeSpan.FromHours(1));

        Assert.Equal([rotated.Secret, created.Secret], Secrets.SigningSecrets(rotated.Endpoint, Time.GetUtcNow()));
        Assert.Equal([rotated.Secret], Secrets.SigningSecrets(rotated.Endpoint, Time.GetUtcNow().AddHours(1)));

        await s.Outbox.EnqueueEventAsync("acme", "stream.state", "cam-1", "e1", new { n = 1 });
        Assert.True(await s.WebhookEndpoints.DeleteAsync("acme", created.Endpoint.Id));
        Assert.Empty(await s.Outbox.ListAsync("acme"));
        Assert.False(await s.WebhookEndpoints.DeleteAsync("acme", created.Endpoint.Id));
    }
}
