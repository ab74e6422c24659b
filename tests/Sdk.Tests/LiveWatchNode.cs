using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using LiveWatch.Sdk.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LiveWatch.Sdk.Tests;

/// <summary>
/// The real node (Program.cs: Orleans silo, SQLite store, REST API) on a fresh data directory and free Orleans ports,
/// served by the test server; the SDK's client talks to it through the test server's handler. Operator calls (tenants,
/// keys, banks) go over a plain HttpClient: they are not the SDK's business.
/// </summary>
public sealed class LiveWatchNode : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"livewatch-sdk-{Guid.NewGuid():N}");
    private string _adminToken = string.Empty;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("LiveWatch:DataDirectory", _dataDirectory);
        builder.UseSetting("LiveWatch:SiloPort", FreePort());
        builder.UseSetting("LiveWatch:GatewayPort", FreePort());
        builder.UseSetting("LiveWatch:Banks:PollInterval", "00:00:00.200");
        builder.UseSetting("LiveWatch:Api:PushesPerSecondPerTenant", "100000");
        builder.UseSetting("LiveWatch:Api:PushBurstPerTenant", "100000");
    }

    public async Task InitializeAsync()
    {
        using var probe = CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        _adminToken = (await File.ReadAllTextAsync(Path.Combine(_dataDirectory, "admin-api-key"))).Trim();
    }

    /// <summary>
    /// Onboards a tenant (its id starts with <paramref name="prefix"/>) and returns the SDK's client with a new platform
    /// key of it, over the test server (retrying fast, so tests stay quick).
    /// </summary>
    public async Task<TestPlatform> NewPlatformAsync(string prefix)
    {
        var tenant = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        using (var admin = Admin())
        {
            (await admin.PostAsJsonAsync("/api/v1/admin/tenants", new { id = tenant, name = tenant })).EnsureSuccessStatusCode();
        }

        return await NewKeyAsync(tenant, "sdk-tests");
    }

    /// <summary>The SDK's client with another platform key of the tenant: another actor of the same platform.</summary>
    public async Task<TestPlatform> NewKeyAsync(string tenant, string name)
    {
        using var admin = Admin();
        var key = await (await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{tenant}/keys", new { name }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var http = CreateDefaultClient();
        var options = new LiveWatchClientOptions { ApiKey = key.GetProperty("token").GetString()!, InitialBackoff = TimeSpan.FromMilliseconds(20) };
        return new TestPlatform(tenant, new LiveWatchClient(http, options), http);
    }

    /// <summary>Creates a bank of the tenant holding <paramref name="hashes"/> (imported as a plain list).</summary>
    public async Task CreateBankAsync(string tenant, params string[] hashes)
    {
        using var admin = Admin();
        var bank = await (await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{tenant}/banks", new { name = "known" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var id = bank.GetProperty("id").GetInt64();
        using var list = new StringContent(string.Join('\n', hashes), System.Text.Encoding.UTF8, "text/plain");
        (await admin.PostAsync(new Uri($"/api/v1/admin/tenants/{tenant}/banks/{id}/import?name=known.txt", UriKind.Relative), list))
            .EnsureSuccessStatusCode();
    }

    private HttpClient Admin()
    {
        var admin = CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _adminToken);
        return admin;
    }

    /// <summary>A free loopback port, so the node's Orleans ports never collide with another test host or a running node.</summary>
    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
