using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveWatch.Silo.Api.Models;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveWatch.Webhooks.Tests.Infrastructure;

/// <summary>
/// The real host (Program.cs: Orleans silo, SQLite store, API, webhook dispatcher) on a fresh data directory, called
/// over HTTP through the test server; its dispatcher posts to real receivers on 127.0.0.1, which this node allows.
/// Delivery runs on short, configured intervals (an attempt times out after 1 s, retries start at 200 ms, and a message
/// is dead-lettered once its 6 s window is over), so retries and dead letters happen within a test; tests wait for
/// states, never for times.
/// </summary>
public sealed class WebhooksNode : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"livewatch-webhooks-{Guid.NewGuid():N}");

    /// <summary>The operator key the node created on first start.</summary>
    public string AdminToken { get; private set; } = string.Empty;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("LiveWatch:DataDirectory", DataDirectory);
        builder.UseSetting("LiveWatch:SiloPort", LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("LiveWatch:GatewayPort", LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("LiveWatch:Banks:PollInterval", "00:00:00.200");
        builder.UseSetting("LiveWatch:Api:PushesPerSecondPerTenant", "100000");
        builder.UseSetting("LiveWatch:Api:PushBurstPerTenant", "100000");
        builder.UseSetting("LiveWatch:Ingest:Worker:Enabled", "false");
        builder.UseSetting("LiveWatch:Webhooks:AllowedPrivateHosts:0", "127.0.0.1");
        builder.UseSetting("LiveWatch:Webhooks:PollInterval", "00:00:00.100");
        builder.UseSetting("LiveWatch:Webhooks:AttemptTimeout", AttemptTimeout.ToString());
        builder.UseSetting("LiveWatch:Webhooks:InitialBackoff", "00:00:00.200");
        builder.UseSetting("LiveWatch:Webhooks:MaxBackoff", "00:00:01");
        builder.UseSetting("LiveWatch:Webhooks:RetryWindow", "00:00:06");
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
        return await NewKeyAsync(tenantId, "tests");
    }

    /// <summary>Another platform key of the tenant (another actor).</summary>
    public async Task<HttpClient> NewKeyAsync(string tenantId, string name)
    {
        using var admin = Admin();
        var key = await (await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{tenantId}/keys", new CreateKeyRequest(name)))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ApiKeyResponse>(Json.Options);
        return Client(key!.Token);
    }

    /// <summary>Runs <paramref name="work"/> with a store service of the node (reading what the API does not show, e.g. the audit log).</summary>
    public async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
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
