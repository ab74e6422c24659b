using LiveWatch.Silo.Tests;
using LiveWatch.Storage.Accounts;
using Microsoft.Playwright;

namespace LiveWatch.Dashboard.Tests;

/// <summary>Dismissing with "add to negative bank": the same frame no longer opens an incident.</summary>
[Collection(SharedDashboardNode.Name)]
public sealed class DismissToNegativeBankTests
{
    private readonly DashboardNode _node;
    private readonly Browser _browser;

    public DismissToNegativeBankTests(DashboardNode node, Browser browser)
    {
        _node = node;
        _browser = browser;
    }

    [Fact]
    public async Task A_dismissed_frame_added_to_the_negative_bank_no_longer_opens_an_incident()
    {
        var (canvas, hash) = TestPictures.Canvas(seed: 801);
        var token = await _node.SeedTenantAsync("dismiss-neg", hash);
        var moderator = await _node.AddUserAsync("mod@dismiss-neg.test", DashboardRole.Moderator, "dismiss-neg");
        await _node.PushCanvasAsync(token, "neg-1", canvas, sequence: 1);
        var page = await _browser.NewPageAsync(_node.BaseAddress);
        await Browser.LoginAsync(page, moderator, DashboardNode.Password);

        await page.GetByRole(AriaRole.Link, new() { Name = "neg-1" }).ClickAsync();
        await page.GetByLabel("Reason for dismissing").FillAsync("benign: test pattern");
        await page.GetByLabel("Add the frame's hash to the tenant's negative bank").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Dismiss as false positive" }).ClickAsync();
        await Assertions.Expect(page.Locator("#incident-state")).ToHaveTextAsync("Dismissed");

        // The same frame on a new stream: once the negative bank reaches the silo's replica (it polls the store), the
        // match is suppressed and no incident opens.
        var answer = string.Empty;
        for (var stream = 2; stream < 60 && !answer.Contains("\"incidentId\":null", StringComparison.Ordinal); stream++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            answer = await _node.PushCanvasAsync(token, $"neg-{stream}", canvas, sequence: 1);
        }

        Assert.Contains("\"incidentId\":null", answer, StringComparison.Ordinal);
        Assert.Contains("\"matched\":0", answer, StringComparison.Ordinal);
    }
}
