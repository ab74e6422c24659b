using System.Globalization;
using System.Net.Http.Headers;
using LiveWatch.Dashboard.Accounts;
using LiveWatch.Dashboard.Hosting;
using LiveWatch.Grains.Matching;
using LiveWatch.Hashing;
using LiveWatch.Silo.Api;
using LiveWatch.Silo.Hosting;
using LiveWatch.Storage.Accounts;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LiveWatch.Dashboard.Tests;

/// <summary>
/// The real host (silo, API, dashboard) built in this process as Program.cs builds it, on a free loopback port that
/// Chromium browses, with a fresh data directory. The login cookie's clock can be moved forward (session expiry).
/// </summary>
public sealed class DashboardNode : IAsyncLifetime
{
    public const string Password = "Correct-Horse-Battery-9";
    private WebApplication? _app;

    /// <summary>How long a webhook message is retried before it is dead-lettered on this node.</summary>
    public static readonly TimeSpan WebhookRetryWindow = TimeSpan.FromSeconds(3);

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"livewatch-dashboard-{Guid.NewGuid():N}");

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The login cookie's clock: the real time plus <see cref="ShiftableClock.Offset"/>.</summary>
    public ShiftableClock CookieClock { get; } = new();

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        var port = LoopbackPorts.Free();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        string[] args =
        [
            $"--urls=http://127.0.0.1:{port}",
            $"--LiveWatch:DataDirectory={DataDirectory}",
            $"--LiveWatch:SiloPort={LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture)}",
            $"--LiveWatch:GatewayPort={LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture)}",
            "--LiveWatch:Banks:PollInterval=00:00:00.200",
            "--LiveWatch:Ingest:Worker:Enabled=false",
            "--LiveWatch:Dashboard:MaxFailedLogins=3",
            "--LiveWatch:Dashboard:SessionTimeout=00:10:00",
            "--LiveWatch:Dashboard:Tenants:mod-reveal:ModeratorsMayReveal=true",
            "--LiveWatch:Feed:StoreReadInterval=00:00:01",
            // Webhooks to the tests' receiver on 127.0.0.1, given up on within seconds (WebhooksPageTests' dead letters).
            "--LiveWatch:Webhooks:AllowedPrivateHosts:0=127.0.0.1",
            "--LiveWatch:Webhooks:PollInterval=00:00:00.100",
            "--LiveWatch:Webhooks:AttemptTimeout=00:00:02",
            "--LiveWatch:Webhooks:InitialBackoff=00:00:00.200",
            "--LiveWatch:Webhooks:MaxBackoff=00:00:01",
            $"--LiveWatch:Webhooks:RetryWindow={WebhookRetryWindow}",
            "--Logging:LogLevel:Default=Warning",
        ];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(LiveWatchSiloExtensions).Assembly.GetName().Name });
        builder.AddLiveWatchSilo();
        builder.AddLiveWatchApi();
        builder.AddLiveWatchDashboard();
        builder.Services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o => o.TimeProvider = CookieClock);
        var app = builder.Build();
        app.MapLiveWatchHealthChecks();
        app.MapLiveWatchApi();
        app.MapLiveWatchOrleansDashboard();
        app.MapLiveWatchDashboard();
        await app.StartAsync();
        _app = app;
    }

    /// <summary>A tenant with a platform key, and a bank of the tenant holding <paramref name="known"/>; returns the key's token.</summary>
    public async Task<string> SeedTenantAsync(string tenant, Hash256 known)
    {
        await using var scope = Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<TenantStore>().CreateAsync(tenant, $"Platform {tenant}");
        var banks = services.GetRequiredService<BankStore>();
        var bank = await banks.CreateBankAsync(tenant, $"{tenant}-known");
        await banks.ImportAsync(tenant, bank.Id, [new NewBankEntry(known, "known-1", "benign test picture")]);
        var key = await services.GetRequiredService<ApiKeyStore>().CreateAsync(tenant, "tests", ApiKeyRole.Platform);

        // The replica must hold the entry before a frame can match it.
        var replica = Services.GetRequiredService<HashBankReplica>();
        var before = replica.EntryCount;
        for (var i = 0; i < 200 && replica.EntryCount <= before; i++)
        {
            await Task.Delay(100);
        }

        return key.Token;
    }

    /// <summary>A dashboard user with <see cref="Password"/>.</summary>
    public async Task<string> AddUserAsync(string email, DashboardRole role, string? tenant)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DashboardUsers>().AddAsync(email, Password, role, tenant, "tests");
        return email;
    }

    /// <summary>Pushes one 64x64 luma canvas for <paramref name="stream"/> through the REST API with the platform's key.</summary>
    public async Task<string> PushCanvasAsync(string token, string stream, byte[] canvas, int sequence)
    {
        using var http = await RegisterStreamAsync(token, stream);
        using var body = new ByteArrayContent(canvas);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var pushed = await http.PostAsync(new Uri($"/api/v1/streams/{stream}/frames?run=r1&seq={sequence}&width=64&height=64", UriKind.Relative), body);
        var answer = await pushed.Content.ReadAsStringAsync();
        Assert.True(pushed.IsSuccessStatusCode, answer);
        return answer;
    }

    /// <summary>Registers <paramref name="stream"/> (or finds it registered) through the REST API; returns the platform's client.</summary>
    public async Task<HttpClient> RegisterStreamAsync(string token, string stream)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var register = new StringContent($"{{\"streamId\":\"{stream}\",\"title\":\"Test stream {stream}\"}}", System.Text.Encoding.UTF8, "application/json");
        var registered = await http.PostAsync(new Uri("/api/v1/streams", UriKind.Relative), register);
        Assert.True(registered.IsSuccessStatusCode || registered.StatusCode == System.Net.HttpStatusCode.Conflict, $"register: {registered.StatusCode}");
        return http;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
