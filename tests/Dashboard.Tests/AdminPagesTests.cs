using LiveWatch.Silo.Tests;
using LiveWatch.Storage.Accounts;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LiveWatch.Dashboard.Tests;

/// <summary>An Admin's pages: API keys (shown once, revoked), bank import with per-line errors, the audit log as CSV.</summary>
[Collection(SharedDashboardNode.Name)]
public sealed class AdminPagesTests
{
    private readonly DashboardNode _node;
    private readonly Browser _browser;

    public AdminPagesTests(DashboardNode node, Browser browser)
    {
        _node = node;
        _browser = browser;
    }

    [Fact]
    public async Task An_admin_creates_a_key_that_works_once_shown_and_revokes_it()
    {
        await _node.SeedTenantAsync("admin-keys", TestPictures.Canvas(seed: 901).Hash);
        var admin = await _node.AddUserAsync("admin@admin-keys.test", DashboardRole.Admin, "admin-keys");
        var page = await _browser.NewPageAsync(_node.BaseAddress);
        await Browser.LoginAsync(page, admin, DashboardNode.Password);

        await page.GotoAsync("/dashboard/keys?Tenant=admin-keys");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("from-dashboard");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var token = await page.GetByLabel("Token").InputValueAsync();
        Assert.StartsWith("lw_", token, StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = _node.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri("/api/v1/streams", UriKind.Relative))).StatusCode);

        // Shown once: the list never carries the token again.
        await page.GotoAsync("/dashboard/keys?Tenant=admin-keys");
        Assert.DoesNotContain(token, await page.ContentAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke key from-dashboard" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("revoked");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri("/api/v1/streams", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_bank_import_with_bad_lines_is_refused_whole_with_the_line_numbers()
    {
        var (_, hash) = TestPictures.Canvas(seed: 902);
        await _node.SeedTenantAsync("admin-banks", hash);
        var admin = await _node.AddUserAsync("admin@admin-banks.test", DashboardRole.Admin, "admin-banks");
        var page = await _browser.NewPageAsync(_node.BaseAddress);
        await Browser.LoginAsync(page, admin, DashboardNode.Password);
        await page.GotoAsync("/dashboard/banks");
        var bank = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "admin-banks-known" }) });
        await Assertions.Expect(bank.Locator("td.num")).ToHaveTextAsync("1");

        var good = TestPictures.Canvas(seed: 903).Hash.ToString();
        var list = $"{good}\nnot-a-hash\n{TestPictures.Canvas(seed: 904).Hash}\n{new string('z', 64)}\n";
        await bank.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "list.txt", MimeType = "text/plain", Buffer = System.Text.Encoding.UTF8.GetBytes(list) });
        await bank.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        var errors = page.Locator("#import-errors");
        await Assertions.Expect(errors).ToContainTextAsync("line 2");
        await Assertions.Expect(errors).ToContainTextAsync("line 4");

        await using var scope = _node.Services.CreateAsyncScope();
        var banks = scope.ServiceProvider.GetRequiredService<BankStore>();
        var stored = (await banks.ListBanksAsync("admin-banks")).Single();
        Assert.Equal(1, await banks.CountEntriesAsync("admin-banks", stored.Id));
        Assert.DoesNotContain(hash.ToString(), await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);

        // The good list goes in whole.
        await page.GotoAsync("/dashboard/banks");
        await bank.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "good.txt", MimeType = "text/plain", Buffer = System.Text.Encoding.UTF8.GetBytes(good + "\n") });
        await bank.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Imported 1 hash(es) from good.txt");
        await Assertions.Expect(bank.Locator("td.num")).ToHaveTextAsync("2");
    }

    [Fact]
    public async Task The_audit_log_filters_and_exports_csv()
    {
        await _node.SeedTenantAsync("admin-audit", TestPictures.Canvas(seed: 905).Hash);
        var admin = await _node.AddUserAsync("admin@admin-audit.test", DashboardRole.Admin, "admin-audit");
        var page = await _browser.NewPageAsync(_node.BaseAddress);
        await Browser.LoginAsync(page, admin, DashboardNode.Password);

        await page.GotoAsync("/dashboard/audit?Tenant=admin-audit&Action=user.created");
        await Assertions.Expect(page.Locator("#audit tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#audit tbody")).ToContainTextAsync("admin@admin-audit.test");

        var csv = await page.APIRequest.GetAsync("/dashboard/audit?handler=Csv&Tenant=admin-audit&Action=user.created");
        Assert.Equal(200, csv.Status);
        var text = await csv.TextAsync();
        Assert.StartsWith("sequence,at,tenant,actor,action,subject_type,subject_id,details\n", text, StringComparison.Ordinal);
        Assert.Contains("\"user.created\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_platform_admin_sees_the_cluster_page_and_the_orleans_dashboard_and_a_tenant_admin_sees_neither()
    {
        await _node.SeedTenantAsync("admin-cluster", TestPictures.Canvas(seed: 906).Hash);
        var operatorUser = await _node.AddUserAsync("operator@cluster.test", DashboardRole.Admin, null);
        var tenantAdmin = await _node.AddUserAsync("admin@admin-cluster.test", DashboardRole.Admin, "admin-cluster");

        var page = await _browser.NewPageAsync(_node.BaseAddress);
        await Browser.LoginAsync(page, operatorUser, DashboardNode.Password);
        await page.GotoAsync("/dashboard/cluster");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Silos" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table[aria-labelledby=silos] tbody")).ToContainTextAsync("Active");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ingest workers" })).ToBeVisibleAsync();
        Assert.Equal(200, (await page.APIRequest.GetAsync("/orleans/ClusterStats")).Status);

        var other = await _browser.NewPageAsync(_node.BaseAddress);
        await Browser.LoginAsync(other, tenantAdmin, DashboardNode.Password);
        Assert.Equal(403, (await other.GotoAsync("/dashboard/cluster"))!.Status);
        Assert.Equal(403, (await other.APIRequest.GetAsync("/orleans/ClusterStats")).Status);
    }
}
