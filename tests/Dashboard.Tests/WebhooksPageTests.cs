using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using LiveWatch.Sdk.Webhooks;
using LiveWatch.Silo.Api.Models;
using LiveWatch.Silo.Tests;
using LiveWatch.Storage.Accounts;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using LiveWatch.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveWatch.Dashboard.Tests;

/// <summary>
/// The Webhooks page against the node's real dispatcher and a real receiver on 127.0.0.1: a delivery the receiver
/// refuses is dead-lettered within the node's short retry window, listed, and retried from the page; only Admins of
/// the tenant may.
/// </summary>
[Collection(SharedDashboardNode.Name)]
public sealed class WebhooksPageTests : IAsyncLifetime
{
    private const string RetryAction = "webhook.message_requeued";
    private readonly DashboardNode _node;
    private readonly Browser _browser;
    private readonly ITestOutputHelper _output;
    private WebhookReceiver _receiver = null!;

    public WebhooksPageTests(DashboardNode node, Browser browser, ITestOutputHelper output)
    {
        _node = node;
        _browser = browser;
        _output = output;
    }

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_dead_letter_is_listed_and_its_retry_from_the_page_is_delivered_signed_and_audited()
    {
        const string tenant = "hooks-retry";
        var token = await _node.SeedTenantAsync(tenant, TestPictures.Canvas(seed: 921).Hash);
        var admin = await _node.AddUserAsync("admin@hooks-retry.test", DashboardRole.Admin, tenant);
        var url = _receiver.Endpoint("down", _ => Task.FromResult(500));
        string secret;
        using (var platform = await _node.RegisterStreamAsync(token, "cam-setup"))
        {
            var created = await platform.PostAsJsonAsync("/api/v1/webhooks", new CreateWebhookEndpointRequest(url, "dashboard test receiver"));
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            secret = (await created.Content.ReadFromJsonAsync<WebhookEndpointResponse>())!.Secret!;
        }

        // Registering a stream is the event (stream.state); the receiver refuses it until the window is over.
        var waited = Stopwatch.StartNew();
        (await _node.RegisterStreamAsync(token, "cam-hooks")).Dispose();
        var dead = await Poll.UntilAsync(
            async () => await StoreAsync<OutboxStore, IReadOnlyList<OutboxMessage>>(o => o.ListDeadLettersAsync(tenant)) is [var first, ..] ? first : null,
            $"the stream.state message dead-lettered ({DashboardNode.WebhookRetryWindow.TotalSeconds:0} s window)");
        _output.WriteLine($"dead-lettered {waited.Elapsed.TotalSeconds:0.0} s after the registration, after {dead.Attempts} attempts");
        Assert.Equal(WebhookEventTypes.StreamState, dead.EventType);
        Assert.Equal("cam-hooks", dead.OrderingKey);
        Assert.Equal(dead.Attempts, _receiver.CallsTo("down").Count);

        var page = await _browser.NewPageAsync(_node.BaseAddress);
        await Browser.LoginAsync(page, admin, DashboardNode.Password);
        await page.GotoAsync("/dashboard");
        await page.GetByRole(AriaRole.Link, new() { Name = "Webhooks (1 dead)" }).ClickAsync();
        var deadRow = page.Locator($"#dead-letters tr[data-message='{dead.Id}']");
        await Assertions.Expect(deadRow).ToContainTextAsync("stream.state");
        await Assertions.Expect(deadRow).ToContainTextAsync("cam-hooks");
        await Assertions.Expect(deadRow).ToContainTextAsync("answered 500");
        await Assertions.Expect(page.Locator("#endpoints")).ToContainTextAsync(url);
        await Assertions.Expect(page.Locator($"#deliveries tr[data-message='{dead.Id}'] td.status")).ToHaveTextAsync("DeadLettered");
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "webhooks-dead-letter.png");

        // Another Admin's page, loaded now, still lists the dead letter after this one's retry.
        var stale = await _browser.NewPageAsync(_node.BaseAddress);
        await Browser.LoginAsync(stale, admin, DashboardNode.Password);
        await stale.GotoAsync($"/dashboard/webhooks?Tenant={tenant}");

        _receiver.Script("down", _ => Task.FromResult(200));
        var refused = _receiver.CallsTo("down").Count;
        var retry = page.GetByRole(AriaRole.Button, new() { Name = "Retry delivery of stream.state for stream cam-hooks" });
        await retry.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Delivery of stream.state for stream cam-hooks re-queued");

        var call = await Poll.UntilAsync(() => Task.FromResult(_receiver.CallsTo("down").Skip(refused).FirstOrDefault(c => c.Status == 200)), "the retried delivery at the receiver");
        var check = new WebhookVerifier(secret).Verify(call.Signature, call.Body);
        Assert.True(check.IsValid, check.Reason);
        Assert.Equal(dead.EventId, call.EventId);
        Assert.Equal("cam-hooks", call.StreamId);
        Assert.Equal((dead.Attempts + 1).ToString(CultureInfo.InvariantCulture), call.DeliveryAttempt);

        // The dispatcher records the outcome just after the receiver's answer.
        await Poll.UntilAsync(
            async () => (await StoreAsync<OutboxStore, OutboxMessage?>(o => o.GetAsync(tenant, dead.Id)))?.DeliveredAt is not null,
            "the delivery recorded");
        await page.GotoAsync($"/dashboard/webhooks?Tenant={tenant}");
        await Assertions.Expect(page.Locator($"#deliveries tr[data-message='{dead.Id}'] td.status")).ToHaveTextAsync("Delivered");
        await Assertions.Expect(page.Locator("#dead-letters")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Webhooks", Exact = true })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "webhooks-retried.png");

        // The stale page's Retry: a clear problem, nothing re-queued twice.
        await stale.GetByRole(AriaRole.Button, new() { Name = "Retry delivery of stream.state for stream cam-hooks" }).ClickAsync();
        await Assertions.Expect(stale.Locator(".alert")).ToContainTextAsync("no longer dead-lettered");
        await Assertions.Expect(stale.Locator(".alert")).ToContainTextAsync("was delivered at");

        var entry = Assert.Single(await StoreAsync<AuditLog, IReadOnlyList<AuditEntry>>(a => a.QueryAsync(tenant, new AuditQuery(Action: RetryAction))));
        Assert.Equal("user:admin@hooks-retry.test", entry.Actor);
        Assert.Equal("webhook-message", entry.SubjectType);
        Assert.Equal(dead.Id.ToString(), entry.SubjectId);
        Assert.Contains(dead.EventId!, entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moderator_is_refused_the_page_and_the_retry_and_another_tenants_dead_letter_is_not_found()
    {
        await _node.SeedTenantAsync("hooks-mod", TestPictures.Canvas(seed: 922).Hash);
        await _node.SeedTenantAsync("hooks-other", TestPictures.Canvas(seed: 923).Hash);
        var moderator = await _node.AddUserAsync("mod@hooks-mod.test", DashboardRole.Moderator, "hooks-mod");
        var admin = await _node.AddUserAsync("admin@hooks-mod.test", DashboardRole.Admin, "hooks-mod");
        var foreign = await StoreAsync<OutboxStore, OutboxMessage>(async outbox =>
        {
            await outbox.EnqueueAsync("hooks-other", WebhookEventTypes.StreamState, new { state = "Registered" }, $"hooks-other-{Guid.NewGuid():N}");
            var message = (await outbox.ListAsync("hooks-other")).Single();
            await outbox.MarkFailedAsync(message.Id, "the endpoint answered 500", DateTimeOffset.UtcNow, deadLetter: true);
            return message;
        });

        var page = await _browser.NewPageAsync(_node.BaseAddress);
        await Browser.LoginAsync(page, moderator, DashboardNode.Password);
        Assert.Equal(403, (await page.GotoAsync("/dashboard/webhooks"))!.Status);
        Assert.Equal(403, (await page.GotoAsync("/dashboard/webhooks?Tenant=hooks-mod"))!.Status);
        await page.GotoAsync("/dashboard");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Webhooks" })).ToHaveCountAsync(0);

        // With a valid antiforgery token (from the log-out form): refused for the role, not for the token.
        Assert.Equal(403, (await RetryAsync(page, "hooks-mod", foreign.Id)).Status);

        var adminPage = await _browser.NewPageAsync(_node.BaseAddress);
        await Browser.LoginAsync(adminPage, admin, DashboardNode.Password);
        await adminPage.GotoAsync("/dashboard/webhooks");
        Assert.Equal(404, (await RetryAsync(adminPage, "hooks-mod", foreign.Id)).Status);
        Assert.Equal(404, (await RetryAsync(adminPage, "hooks-other", foreign.Id)).Status);
        Assert.Equal(404, (await adminPage.GotoAsync("/dashboard/webhooks?Tenant=hooks-other"))!.Status);

        Assert.NotNull((await StoreAsync<OutboxStore, OutboxMessage?>(o => o.GetAsync("hooks-other", foreign.Id)))!.DeadLetteredAt);
        Assert.Empty(await StoreAsync<AuditLog, IReadOnlyList<AuditEntry>>(a => a.QueryAsync("hooks-other", new AuditQuery(Action: RetryAction))));
        Assert.Empty(await StoreAsync<AuditLog, IReadOnlyList<AuditEntry>>(a => a.QueryAsync("hooks-mod", new AuditQuery(Action: RetryAction))));
    }

    /// <summary>The Retry form's post, made with the page's session and antiforgery token.</summary>
    private static async Task<IAPIResponse> RetryAsync(IPage page, string tenant, Guid messageId)
    {
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        return await page.APIRequest.PostAsync($"/dashboard/webhooks?handler=Retry&Tenant={tenant}", new APIRequestContextOptions
        {
            Form = page.APIRequest.CreateFormData().Set("messageId", messageId.ToString()).Set("__RequestVerificationToken", token),
            MaxRedirects = 0,
        });
    }

    private async Task<T> StoreAsync<TStore, T>(Func<TStore, Task<T>> read)
        where TStore : notnull
    {
        await using var scope = _node.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TStore>());
    }
}
