using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveWatch.Silo.Api.Models;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LiveWatch.Silo.Tests.Api;

/// <summary>
/// The real host (Program.cs: Orleans silo, SQLite store and grain state, API) on a fresh data directory, called over
/// HTTP through the test server, on free loopback ports for Orleans. The API tests share one.
/// </summary>
public sealed class LiveWatchApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"livewatch-api-{Guid.NewGuid():N}");

    /// <summary>The operator key the node created on first start.</summary>
    public string AdminToken { get; private set; } = string.Empty;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("LiveWatch:DataDirectory", DataDirectory);
        builder.UseSetting("LiveWatch:SiloPort", LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("LiveWatch:GatewayPort", LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("LiveWatch:Banks:PollInterval", "00:00:00.200");
        builder.UseSetting("LiveWatch:Api:PushesPerSecondPerTenant", "100000");
        builder.UseSetting("LiveWatch:Api:PushBurstPerTenant", "100000");

        // Pulled streams name one loopback source an operator allowed (any other loopback address stays refused), and no
        // ingest worker runs in this node: the scheduler lists the streams as waiting, nothing pulls them. The live
        // ingest tests (Ingest/) run a real node with its worker.
        builder.UseSetting("LiveWatch:Ingest:Sources:AllowedPrivateHosts:0", "127.0.0.77");
        builder.UseSetting("LiveWatch:Ingest:Worker:Enabled", "false");
    }

    public async Task InitializeAsync()
    {
        using var client = CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        AdminToken = (await File.ReadAllTextAsync(Path.Combine(DataDirectory, "admin-api-key"))).Trim();
    }

    public HttpClient Client(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public HttpClient Admin() => Client(AdminToken);

    /// <summary>Creates a tenant and returns a client authenticated with a new platform key of it.</summary>
    public async Task<HttpClient> NewTenantAsync(string tenantId)
    {
        using var admin = Admin();
        (await admin.PostAsJsonAsync("/api/v1/admin/tenants", new CreateTenantRequest(tenantId, $"Tenant {tenantId}"))).EnsureSuccessStatusCode();
        var key = await (await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{tenantId}/keys", new CreateKeyRequest("tests")))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ApiKeyResponse>(Json.Options);
        return Client(key!.Token);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
