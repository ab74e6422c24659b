using System.Net;

namespace LiveWatch.Silo.Tests.Api;

/// <summary>
/// Orleans' dashboard is served to operators only: a platform's key 403, an operator's key 200, a browser without a
/// login goes to the dashboard's login page.
/// </summary>
[Collection(SharedNode.Name)]
public sealed class OrleansDashboardTests(LiveWatchApiFactory node)
{
    [Fact]
    public async Task The_Orleans_dashboard_answers_operator_keys_only()
    {
        using var anonymous = node.Client(null);
        using var platform = await node.NewTenantAsync(ApiSteps.NewTenantId("orleans-dashboard"));
        using var admin = node.Admin();

        Assert.Equal(HttpStatusCode.Forbidden, (await platform.GetAsync(new Uri("/orleans/", UriKind.Relative))).StatusCode);
        var browser = await anonymous.GetAsync(new Uri("/orleans/", UriKind.Relative));
        Assert.Contains("login", browser.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("DashboardCounters", await browser.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.GetAsync(new Uri("/orleans", UriKind.Relative))).StatusCode);

        // Its page lives at /orleans/ (it redirects /orleans there; a browser keeps its credentials across that, an
        // HttpClient drops the Authorization header).
        var page = await admin.GetAsync(new Uri("/orleans/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        // Its data API is behind the same door, and it sees this node's silo.
        using var badKey = node.Client("not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await badKey.GetAsync(new Uri("/orleans/DashboardCounters", UriKind.Relative))).StatusCode);
        var counters = await admin.GetAsync(new Uri("/orleans/DashboardCounters", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        Assert.Contains("totalActiveHostCount", await counters.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
