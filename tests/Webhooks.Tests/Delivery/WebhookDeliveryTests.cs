using System.Net;
using System.Net.Http.Json;
using LiveWatch.Sdk.Webhooks;
using LiveWatch.Silo.Api.Models;
using LiveWatch.Storage;
using LiveWatch.Storage.Secrets;
using LiveWatch.Webhooks.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveWatch.Webhooks.Tests.Delivery;

/// <summary>
/// The dispatcher against a real HTTP receiver on 127.0.0.1: signatures the SDK verifies, retries after errors and
/// timeouts, order per stream, dead letters and their manual retry. Stream state changes (register, stop) are the
/// events: each one is a <c>stream.state</c> webhook.
/// </summary>
[Collection(SharedNode.Name)]
public sealed class WebhookDeliveryTests(WebhooksNode node) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_delivery_is_signed_so_the_sdk_verifier_accepts_it_and_carries_the_event_id_and_type()
    {
        using var platform = await node.NewTenantAsync(ApiSteps.NewTenantId("sig"));
        var endpoint = await platform.CreateWebhookAsync(_receiver.Endpoint("signed"));
        Assert.StartsWith("whsec_", endpoint.Secret, StringComparison.Ordinal);

        await platform.RegisterAsync("cam-1", userId: "user-77");

        var call = await Poll.UntilAsync(() => Task.FromResult(_receiver.CallsTo("signed") is [var first, ..] ? first : null), "the stream.state webhook");
        var check = new WebhookVerifier(endpoint.Secret!).Verify(call.Signature, call.Body);
        Assert.True(check.IsValid, check.Reason);

        // Signed with a secret the store keeps sealed only.
        await using (var scope = node.Services.CreateAsyncScope())
        {
            var row = await scope.ServiceProvider.GetRequiredService<LiveWatchDbContext>().WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == endpoint.Id);
            Assert.StartsWith(WebhookSecretProtector.SealedPrefix, row.Secret, StringComparison.Ordinal);
            Assert.DoesNotContain(endpoint.Secret!["whsec_".Length..], row.Secret, StringComparison.Ordinal);
        }

        Assert.Equal(WebhookVerificationFailure.NoMatchingSignature, new WebhookVerifier("whsec_someone-else").Verify(call.Signature, call.Body).Failure);
        var altered = call.Body.ToArray();
        altered[^2] ^= 1;
        Assert.Equal(WebhookVerificationFailure.NoMatchingSignature, new WebhookVerifier(endpoint.Secret!).Verify(call.Signature, altered).Failure);

        var body = call.Json;
        Assert.Equal("stream.state", call.EventType);
        Assert.Equal("stream.state", (string?)body["type"]);
        Assert.Equal((string?)body["id"], call.EventId);
        Assert.Equal("cam-1", (string?)body["streamId"]);
        Assert.Equal("Registered", (string?)body["data"]!["state"]);
        Assert.Equal("user-77", (string?)body["data"]!["userId"]);
        Assert.Equal("application/json", call.ContentType?.Split(';')[0]);
        Assert.Equal("1", call.DeliveryAttempt);
        Assert.Equal(check.Timestamp!.Value.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), call.Timestamp);

        // The secret is shown once: never in a read.
        var read = await (await platform.GetAsync(new Uri($"/api/v1/webhooks/{endpoint.Id}", UriKind.Relative))).ReadAsync<WebhookEndpointResponse>();
        Assert.Null(read.Secret);
    }

    [Fact]
    public async Task An_endpoint_that_answers_500_gets_the_same_event_again_and_it_is_delivered_once()
    {
        using var platform = await node.NewTenantAsync(ApiSteps.NewTenantId("retry"));
        await platform.CreateWebhookAsync(_receiver.Endpoint("flaky", call => Task.FromResult(call.Attempt == 1 ? 500 : 200)));

        await platform.RegisterAsync("cam-1");

        var message = await Poll.UntilAsync(
            async () => (await platform.WebhookMessagesAsync()).FirstOrDefault(m => m.Status == "Delivered"), "the message delivered");
        var calls = _receiver.CallsTo("flaky");
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal(message.EventId, c.EventId));
        Assert.Equal([500, 200], calls.Select(c => c.Status));
        Assert.Equal(["1", "2"], calls.Select(c => c.DeliveryAttempt));
        Assert.Equal(calls[0].Body, calls[1].Body);
        Assert.Equal(2, message.Attempts);
        Assert.Null(message.LastError);
        Assert.Single(await platform.WebhookMessagesAsync());
    }

    [Fact]
    public async Task An_endpoint_that_answers_too_slowly_counts_as_failed_and_the_event_is_sent_again()
    {
        using var platform = await node.NewTenantAsync(ApiSteps.NewTenantId("slow"));
        // Every call hangs past the attempt timeout until the test has seen a failed attempt recorded; only then do
        // calls answer (a hanging one late, after the dispatcher gave up on it; the next one at once).
        var observed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await platform.CreateWebhookAsync(_receiver.Endpoint("slow", async _ =>
        {
            await observed.Task;
            return 200;
        }));

        await platform.RegisterAsync("cam-1");

        var failed = await Poll.UntilAsync(
            async () => (await platform.WebhookMessagesAsync()).FirstOrDefault(m => m.LastError is not null), "the first attempt recorded as failed");
        observed.SetResult();
        Assert.Contains("no answer within 1 s", failed.LastError, StringComparison.Ordinal);
        Assert.Equal("Pending", failed.Status);
        var delivered = await Poll.UntilAsync(
            async () => (await platform.WebhookMessagesAsync()).FirstOrDefault(m => m.Status == "Delivered"), "the message delivered on a later attempt");
        Assert.True(delivered.Attempts >= 2, $"{delivered.Attempts} attempts");
        Assert.True(_receiver.CallsTo("slow").Count >= 2);
        Assert.All(_receiver.CallsTo("slow"), c => Assert.Equal(delivered.EventId, c.EventId));
    }

    [Fact]
    public async Task A_later_event_of_a_stream_waits_until_the_earlier_one_is_delivered()
    {
        using var platform = await node.NewTenantAsync(ApiSteps.NewTenantId("order"));

        // The first event of cam-1 is refused twice; cam-2's events meanwhile owe it nothing.
        var firstEvent = (string?)null;
        await platform.CreateWebhookAsync(_receiver.Endpoint("ordered", call =>
        {
            if (call.StreamId == "cam-1")
            {
                Interlocked.CompareExchange(ref firstEvent, call.EventId, null);
            }

            return Task.FromResult(call.EventId == firstEvent && call.Attempt <= 2 ? 503 : 200);
        }));

        await platform.RegisterAsync("cam-1");
        await platform.StopAsync("cam-1");
        await platform.RegisterAsync("cam-1");
        await platform.StopAsync("cam-1");
        await platform.RegisterAsync("cam-2");
        await platform.StopAsync("cam-2");

        await Poll.UntilAsync(async () => (await platform.WebhookMessagesAsync()) is { Length: 6 } all && all.All(m => m.Status == "Delivered"), "all six events delivered");
        var cam1 = _receiver.CallsTo("ordered").Where(c => c.StreamId == "cam-1").ToList();
        var delivered = cam1.Where(c => c.Status == 200).OrderBy(c => c.Answered).ToList();
        Assert.Equal(["Registered", "Stopped", "Registered", "Stopped"], delivered.Select(c => (string?)c.Json["data"]!["state"]));
        Assert.Equal(3, cam1.Count(c => c.EventId == firstEvent));

        // No call for a later event arrived before the one before it had been acknowledged.
        for (var i = 1; i < delivered.Count; i++)
        {
            var later = cam1.Where(c => c.EventId == delivered[i].EventId).Min(c => c.Arrived);
            Assert.True(later > delivered[i - 1].Answered, $"event {i + 1} of cam-1 arrived before event {i} was acknowledged");
        }

        Assert.Equal(["Registered", "Stopped"], _receiver.CallsTo("ordered").Where(c => c.StreamId == "cam-2").Select(c => (string?)c.Json["data"]!["state"]));
    }

    [Fact]
    public async Task A_message_is_dead_lettered_after_its_retry_window_and_a_manual_retry_delivers_it()
    {
        using var platform = await node.NewTenantAsync(ApiSteps.NewTenantId("dead"));
        await platform.CreateWebhookAsync(_receiver.Endpoint("down", _ => Task.FromResult(500)));

        await platform.RegisterAsync("cam-1");

        var dead = await Poll.UntilAsync(
            async () => (await (await platform.GetAsync(new Uri("/api/v1/webhooks/dead-letters", UriKind.Relative))).ReadAsync<WebhookMessageResponse[]>()).FirstOrDefault(),
            "the message dead-lettered after the retry window (6 s on this node)");
        Assert.Equal("DeadLettered", dead.Status);
        Assert.True(dead.Attempts >= 2, $"{dead.Attempts} attempts");
        Assert.Contains("500", dead.LastError, StringComparison.Ordinal);
        var callsBefore = _receiver.CallsTo("down").Count;
        Assert.Equal(dead.Attempts, callsBefore);

        // Nothing more is sent until someone retries it by hand; the endpoint is repaired first.
        _receiver.Script("down", _ => Task.FromResult(200));
        var requeued = await (await platform.PostAsync(new Uri($"/api/v1/webhooks/dead-letters/{dead.Id}/retry", UriKind.Relative), null)).ReadAsync<WebhookMessageResponse>();
        Assert.Equal("Pending", requeued.Status);
        Assert.NotNull(requeued.RequeuedAt);

        var delivered = await Poll.UntilAsync(
            async () => (await platform.WebhookMessagesAsync()).FirstOrDefault(m => m.Id == dead.Id && m.Status == "Delivered"), "the re-queued message delivered");
        Assert.Equal(dead.Attempts + 1, delivered.Attempts);
        Assert.Equal(200, _receiver.CallsTo("down")[^1].Status);
        Assert.Empty(await (await platform.GetAsync(new Uri("/api/v1/webhooks/dead-letters", UriKind.Relative))).ReadAsync<WebhookMessageResponse[]>());

        // A delivered message is not retried again.
        await (await platform.PostAsync(new Uri($"/api/v1/webhooks/dead-letters/{dead.Id}/retry", UriKind.Relative), null)).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task During_a_secret_rotation_calls_carry_both_signatures_until_the_old_secret_is_dropped()
    {
        using var platform = await node.NewTenantAsync(ApiSteps.NewTenantId("rotate"));
        var endpoint = await platform.CreateWebhookAsync(_receiver.Endpoint("rotating"));
        var first = endpoint.Secret!;

        var rotated = await (await platform.PostAsJsonAsync($"/api/v1/webhooks/{endpoint.Id}/rotate", new RotateWebhookSecretRequest(3600))).ReadAsync<WebhookEndpointResponse>();
        var second = rotated.Secret!;
        Assert.NotEqual(first, second);
        Assert.NotNull(rotated.PreviousSecretExpiresAt);
        await platform.RegisterAsync("cam-1");
        var during = await Poll.UntilAsync(() => Task.FromResult(_receiver.CallsTo("rotating").FirstOrDefault(c => c.Status == 200)), "a call during the rotation");
        Assert.Equal(2, during.Signature!.Split(',').Count(p => p.StartsWith("v1=", StringComparison.Ordinal)));
        Assert.True(new WebhookVerifier(first).Verify(during.Signature, during.Body).IsValid, "the old secret still verifies");
        Assert.True(new WebhookVerifier(second).Verify(during.Signature, during.Body).IsValid, "the new secret verifies");

        // Rotating again with no overlap (a leaked secret): only the newest signs.
        var third = (await (await platform.PostAsJsonAsync($"/api/v1/webhooks/{endpoint.Id}/rotate", new RotateWebhookSecretRequest(0))).ReadAsync<WebhookEndpointResponse>()).Secret!;
        await platform.StopAsync("cam-1");
        var after = await Poll.UntilAsync(() => Task.FromResult(_receiver.CallsTo("rotating").FirstOrDefault(c => c.Status == 200 && c.EventId != during.EventId)), "a call after the second rotation");
        Assert.Single(after.Signature!.Split(','), p => p.StartsWith("v1=", StringComparison.Ordinal));
        Assert.True(new WebhookVerifier(third).Verify(after.Signature, after.Body).IsValid);
        Assert.Equal(WebhookVerificationFailure.NoMatchingSignature, new WebhookVerifier(second).Verify(after.Signature, after.Body).Failure);
        Assert.Equal(WebhookVerificationFailure.NoMatchingSignature, new WebhookVerifier(first).Verify(after.Signature, after.Body).Failure);
    }
}
