using LiveWatch.Silo.Tests;
using LiveWatch.Storage.Accounts;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LiveWatch.Dashboard.Tests;

/// <summary>A moderator's path through the dashboard in a real browser, against the real node.</summary>
[Collection(SharedDashboardNode.Name)]
public sealed class LiveQueueTests
{
    private readonly DashboardNode _node;
    private readonly Browser _browser;

    public LiveQueueTests(DashboardNode node, Browser browser)
    {
        _node = node;
        _browser = browser;
    }

    [Fact]
    public async Task An_incident_arrives_in_the_queue_live_and_a_lead_reveals_its_frame_with_an_audit_row()
    {
        var (canvas, hash) = TestPictures.Canvas(seed: 501);
        var token = await _node.SeedTenantAsync("queue-live", hash);
        var lead = await _node.AddUserAsync("lead@queue-live.test", DashboardRole.Lead, "queue-live");
        var page = await _browser.NewPageAsync(_node.BaseAddress);

        await Browser.LoginAsync(page, lead, DashboardNode.Password);
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(_node.BaseAddress, "/dashboard").ToString());
        await Assertions.Expect(page.Locator("#queue")).ToHaveAttributeAsync("data-live", "on");
        await Assertions.Expect(page.Locator("#queue tbody tr")).ToHaveCountAsync(0);

        // A marker on the window survives only if the page is never reloaded.
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        var answer = await _node.PushCanvasAsync(token, "live-1", canvas, sequence: 1);
        Assert.Contains("\"incidentId\":\"", answer, StringComparison.Ordinal);

        var row = page.Locator("#queue tbody tr").First;
        await Assertions.Expect(row).ToContainTextAsync("live-1");
        await Assertions.Expect(row).ToContainTextAsync("queue-live-known");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the queue page was reloaded");
        await Assertions.Expect(page.Locator("#unassigned-count")).ToHaveTextAsync("1");
        await Browser.ScreenshotAsync(page, "queue.png");

        await row.GetByRole(AriaRole.Link, new() { Name = "live-1" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Evidence" })).ToBeVisibleAsync();
        var thumbnail = page.Locator(".evidence img").First;
        await Assertions.Expect(thumbnail).ToHaveAttributeAsync("alt", new System.Text.RegularExpressions.Regex("Blurred greyscale thumbnail"));
        await Browser.ScreenshotAsync(page, "incident.png");

        // Reveal: tick the confirmation, accept the browser's question, see the frame; the audit log has a row.
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        var evidence = page.Locator(".evidence li").First;
        await evidence.GetByLabel("I need to see this frame unblurred").CheckAsync();
        await evidence.GetByRole(AriaRole.Button, new() { Name = "Reveal" }).ClickAsync();
        await Assertions.Expect(page.Locator("#revealed-frame")).ToBeVisibleAsync();
        Assert.True(await page.Locator("#revealed-frame").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the revealed frame did not load");

        await using var scope = _node.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<AuditLog>().QueryAsync("queue-live", new AuditQuery(Action: "evidence.revealed"));
        var entry = Assert.Single(audit);
        Assert.Equal("user:lead@queue-live.test", entry.Actor);
        Assert.Equal("incident", entry.SubjectType);

        // The reveal shows on the incident's timeline too, and a Moderator's page has no reveal at all.
        await page.GotoAsync(page.Url.Split('?')[0]);
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("evidence.revealed");
    }

    [Fact]
    public async Task A_moderator_sees_blurred_evidence_without_reveal_and_no_hash_values()
    {
        var (canvas, hash) = TestPictures.Canvas(seed: 502);
        var token = await _node.SeedTenantAsync("queue-mod", hash);
        var moderator = await _node.AddUserAsync("mod@queue-mod.test", DashboardRole.Moderator, "queue-mod");
        await _node.PushCanvasAsync(token, "mod-1", canvas, sequence: 1);
        var page = await _browser.NewPageAsync(_node.BaseAddress);

        await Browser.LoginAsync(page, moderator, DashboardNode.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "mod-1" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Matches" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Reveal" })).ToHaveCountAsync(0);
        var html = await page.ContentAsync();
        Assert.DoesNotContain(hash.ToString(), html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("known-1", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_may_let_its_moderators_reveal()
    {
        var (canvas, hash) = TestPictures.Canvas(seed: 503);
        var token = await _node.SeedTenantAsync("mod-reveal", hash);
        var moderator = await _node.AddUserAsync("mod@mod-reveal.test", DashboardRole.Moderator, "mod-reveal");
        await _node.PushCanvasAsync(token, "reveal-1", canvas, sequence: 1);
        var page = await _browser.NewPageAsync(_node.BaseAddress);

        await Browser.LoginAsync(page, moderator, DashboardNode.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "reveal-1" }).ClickAsync();
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.GetByLabel("I need to see this frame unblurred").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Reveal" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#revealed-frame")).ToBeVisibleAsync();

        // Without ticking the confirmation nothing is revealed (the browser's own check is bypassed here).
        var evidence = await page.Locator(".evidence li").First.GetAttributeAsync("data-evidence");
        await page.GotoAsync(page.Url.Split('?')[0]);
        var token2 = await page.Locator("form.reveal input[name=__RequestVerificationToken]").First.InputValueAsync();
        var unconfirmed = await page.APIRequest.PostAsync($"{page.Url}?handler=Reveal", new APIRequestContextOptions
        {
            Form = page.APIRequest.CreateFormData().Set("evidenceId", evidence!).Set("__RequestVerificationToken", token2),
            MaxRedirects = 0,
        });
        Assert.Equal(302, unconfirmed.Status);
        await using var scope = _node.Services.CreateAsyncScope();
        Assert.Single(await scope.ServiceProvider.GetRequiredService<AuditLog>().QueryAsync("mod-reveal", new AuditQuery(Action: "evidence.revealed")));
    }
}
