using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace LiveWatch.Dashboard.Tests;

/// <summary><c>LiveWatch.Silo users add</c> (what <c>./run.sh users add</c> runs): the first Admin, then a login with the printed password.</summary>
[Collection(SharedDashboardNode.Name)]
public sealed partial class UsersCommandTests
{
    private readonly DashboardNode _node;
    private readonly Browser _browser;

    public UsersCommandTests(DashboardNode node, Browser browser)
    {
        _node = node;
        _browser = browser;
    }

    [Fact]
    public async Task Users_add_creates_a_platform_admin_whose_printed_password_logs_in()
    {
        var silo = Path.Combine(AppContext.BaseDirectory, "LiveWatch.Silo.dll");
        string[] add = [silo, "users", "add", "--email", "first@ops.test", "--role", "Admin", $"--LiveWatch:DataDirectory={_node.DataDirectory}"];
        var output = await ProcessRunner.RunAsync("dotnet", add, TimeSpan.FromMinutes(2));
        Assert.Contains("created first@ops.test: Admin platform-wide", output, StringComparison.Ordinal);
        var password = Password().Match(output).Groups[1].Value;
        Assert.NotEmpty(password);

        // Again: the user exists, the password is neither changed nor printed.
        var again = await ProcessRunner.RunAsync("dotnet", add, TimeSpan.FromMinutes(2));
        Assert.Contains("first@ops.test exists", again, StringComparison.Ordinal);
        Assert.DoesNotContain(password, again, StringComparison.Ordinal);

        var page = await _browser.NewPageAsync(_node.BaseAddress);
        await Browser.LoginAsync(page, "first@ops.test", password);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Banks" })).ToBeVisibleAsync();
        Assert.Equal(200, (await page.GotoAsync("/dashboard/banks"))!.Status);
    }

    [Fact]
    public async Task Users_add_refuses_a_moderator_without_a_tenant()
    {
        var silo = Path.Combine(AppContext.BaseDirectory, "LiveWatch.Silo.dll");
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ProcessRunner.RunAsync("dotnet",
            [silo, "users", "add", "--email", "mod@ops.test", "--role", "Moderator", $"--LiveWatch:DataDirectory={_node.DataDirectory}"], TimeSpan.FromMinutes(2)));
        Assert.Contains("give --tenant", failure.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"password \(shown once\): (\S+)")]
    private static partial Regex Password();
}
