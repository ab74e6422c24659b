using System.Net;
using System.Text.RegularExpressions;
using LiveWatch.Cluster.Tests.Infrastructure;

namespace LiveWatch.Cluster.Tests;

/// <summary>
/// The moderators' dashboard as its own process against the cluster: an account made with <c>users add</c> logs in
/// over plain HTTP and finds, in the queue, an incident that a silo opened.
/// </summary>
[Collection(LiveClusterGroup.Name)]
public sealed partial class StandaloneDashboardTests(LiveClusterFixture cluster) : IAsyncLifetime
{
    public Task InitializeAsync() => cluster.EnsureAllRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_dashboard_process_of_its_own_logs_in_a_user_made_with_users_add_and_queues_an_incident_opened_through_a_silo()
    {
        using var dashboard = new DashboardProcess(Path.Combine(cluster.Root, "dashboard"), cluster.Environment);
        dashboard.Start();

        // The operator's step, with the silos' settings (the shared PostgreSQL store).
        var (exitCode, added) = await cluster.RunSiloCommandAsync(["users", "add", "--email", "lead@cluster.test", "--role", "Admin"]);
        Assert.True(exitCode == 0, $"users add exited with {exitCode}:\n{added}");
        var password = Password().Match(added).Groups[1].Value;
        Assert.NotEmpty(password);

        var platform = new PlatformApi(cluster.Silos[^1], await cluster.CreateTenantAsync("queue"));
        Assert.Equal(HttpStatusCode.Created, (await platform.RegisterStreamAsync("cam-7")).StatusCode);
        await platform.PushUntilAlertAsync("cam-7", "r1");
        var incident = (string)Assert.Single(await platform.IncidentsOfAsync("cam-7"))!["id"]!;

        await dashboard.WaitServingAsync();
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = dashboard.BaseAddress };
        var form = await browser.GetStringAsync(new Uri("/dashboard/login", UriKind.Relative));
        var antiforgery = AntiforgeryToken().Match(form).Groups[1].Value;
        Assert.NotEmpty(antiforgery);
        using var login = await browser.PostAsync(new Uri("/dashboard/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "lead@cluster.test",
            ["Password"] = password,
            ["ReturnUrl"] = string.Empty,
            ["__RequestVerificationToken"] = antiforgery,
        }));

        // Signed in, redirected to the queue, which lists the silo's incident.
        var queue = await login.Content.ReadAsStringAsync();
        Assert.True(login.StatusCode == HttpStatusCode.OK, $"login answered {(int)login.StatusCode}:\n{queue}");
        Assert.Equal("/dashboard", login.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains($"data-id=\"{incident}\"", queue, StringComparison.Ordinal);
        Assert.Contains(">cam-7</a>", queue, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"password \(shown once\): (\S+)")]
    private static partial Regex Password();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
