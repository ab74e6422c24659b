using LiveWatch.Silo.Tests;
using LiveWatch.Storage.Accounts;

namespace LiveWatch.Dashboard.Tests;

/// <summary>
/// A session unused for longer than <c>LiveWatch:Dashboard:SessionTimeout</c> ends: the next page asks for a login.
/// On a node of its own, because moving the login cookie's clock forward ends every session of the node.
/// </summary>
public sealed class SessionExpiryTests : IAsyncLifetime
{
    private readonly DashboardNode _node = new();
    private readonly Browser _browser = new();

    public async Task InitializeAsync()
    {
        await _node.InitializeAsync();
        await _browser.InitializeAsync();
    }

    [Fact]
    public async Task An_expired_session_sends_the_user_back_to_the_login_page()
    {
        await _node.SeedTenantAsync("session", TestPictures.Canvas(seed: 701).Hash);
        var user = await _node.AddUserAsync("mod@session.test", DashboardRole.Moderator, "session");
        var page = await _browser.NewPageAsync(_node.BaseAddress);
        await Browser.LoginAsync(page, user, DashboardNode.Password);
        Assert.Equal(200, (await page.GotoAsync("/dashboard/streams"))!.Status);
        Assert.Equal("/dashboard/streams", new Uri(page.Url).AbsolutePath);

        // The node's timeout is 10 minutes without a request.
        _node.CookieClock.Offset = TimeSpan.FromMinutes(11);
        await page.GotoAsync("/dashboard/streams");
        Assert.Equal("/dashboard/login", new Uri(page.Url).AbsolutePath);
        Assert.Contains("ReturnUrl=%2Fdashboard%2Fstreams", page.Url, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _node.DisposeAsync();
    }
}
