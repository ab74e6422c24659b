using System.Text.RegularExpressions;
using LiveWatch.Silo.Tests;
using LiveWatch.Storage.Accounts;
using Microsoft.Playwright;

namespace LiveWatch.Dashboard.Tests;

/// <summary>Bad input and security: lockout, tenant isolation, roles, CSRF.</summary>
[Collection(SharedDashboardNode.Name)]
public sealed partial class SecurityTests
{
    private readonly DashboardNode _node;
    private readonly Browser _browser;

    public SecurityTests(DashboardNode node, Browser browser)
    {
        _node = node;
        _browser = browser;
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_account_and_then_even_the_right_one_is_refused()
    {
        var (_, hash) = TestPictures.Canvas(seed: 601);
        await _node.SeedTenantAsync("sec-lockout", hash);
        var user = await _node.AddUserAsync("mod@sec-lockout.test", DashboardRole.Moderator, "sec-lockout");
        var page = await _browser.NewPageAsync(_node.BaseAddress);

        // The node allows 3 failures (LiveWatch:Dashboard:MaxFailedLogins=3).
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await Browser.LoginAsync(page, user, "Wrong-Password-123");
            await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync("Wrong email or password.");
        }

        await Browser.LoginAsync(page, user, "Wrong-Password-123");
        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("locked");
        await Browser.LoginAsync(page, user, DashboardNode.Password);
        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("locked");
        Assert.EndsWith("/dashboard/login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moderator_opening_another_tenants_incident_by_url_gets_404()
    {
        var (canvas, hash) = TestPictures.Canvas(seed: 602);
        var token = await _node.SeedTenantAsync("sec-owner", hash);
        await _node.SeedTenantAsync("sec-other", TestPictures.Canvas(seed: 603).Hash);
        var answer = await _node.PushCanvasAsync(token, "owned-1", canvas, sequence: 1);
        var incident = IncidentId().Match(answer).Groups[1].Value;
        var outsider = await _node.AddUserAsync("mod@sec-other.test", DashboardRole.Moderator, "sec-other");
        var page = await _browser.NewPageAsync(_node.BaseAddress);

        await Browser.LoginAsync(page, outsider, DashboardNode.Password);
        var response = await page.GotoAsync($"/dashboard/incidents/{incident}");
        Assert.Equal(404, response!.Status);
        var thumbnail = await page.APIRequest.GetAsync($"/dashboard/incidents/{incident}?handler=Thumbnail&evidenceId={Guid.NewGuid()}");
        Assert.Equal(404, thumbnail.Status);

        // The same URL for a moderator of the owning tenant works.
        var owner = await _node.AddUserAsync("mod@sec-owner.test", DashboardRole.Moderator, "sec-owner");
        var ownerPage = await _browser.NewPageAsync(_node.BaseAddress);
        await Browser.LoginAsync(ownerPage, owner, DashboardNode.Password);
        Assert.Equal(200, (await ownerPage.GotoAsync($"/dashboard/incidents/{incident}"))!.Status);
    }

    [Theory]
    [InlineData("/dashboard/banks")]
    [InlineData("/dashboard/keys")]
    [InlineData("/dashboard/webhooks")]
    [InlineData("/dashboard/audit")]
    [InlineData("/dashboard/cluster")]
    public async Task A_moderator_on_an_admin_or_lead_page_gets_403(string path)
    {
        var tenant = $"sec-role-{path.Split('/')[^1]}";
        await _node.SeedTenantAsync(tenant, TestPictures.Canvas(seed: 604).Hash);
        var moderator = await _node.AddUserAsync($"mod@{tenant}.test", DashboardRole.Moderator, tenant);
        var page = await _browser.NewPageAsync(_node.BaseAddress);

        await Browser.LoginAsync(page, moderator, DashboardNode.Password);
        var response = await page.GotoAsync(path);
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_with_400()
    {
        var (canvas, hash) = TestPictures.Canvas(seed: 605);
        var token = await _node.SeedTenantAsync("sec-csrf", hash);
        var incident = IncidentId().Match(await _node.PushCanvasAsync(token, "csrf-1", canvas, sequence: 1)).Groups[1].Value;
        var lead = await _node.AddUserAsync("lead@sec-csrf.test", DashboardRole.Lead, "sec-csrf");
        var page = await _browser.NewPageAsync(_node.BaseAddress);
        await Browser.LoginAsync(page, lead, DashboardNode.Password);

        // The session cookie goes with the request (as it would from a forged cross-site form), the token does not.
        foreach (var handler in new[] { "Assign", "Dismiss", "Reveal" })
        {
            var forged = await page.APIRequest.PostAsync($"/dashboard/incidents/{incident}?handler={handler}", new APIRequestContextOptions
            {
                Form = page.APIRequest.CreateFormData().Set("version", "1").Set("reason", "forged").Set("confirmed", "true"),
            });
            Assert.Equal(400, forged.Status);
        }

        var logout = await page.APIRequest.PostAsync("/dashboard/logout");
        Assert.Equal(400, logout.Status);
    }

    [GeneratedRegex("\"incidentId\":\"([0-9a-f-]{36})\"")]
    private static partial Regex IncidentId();
}
