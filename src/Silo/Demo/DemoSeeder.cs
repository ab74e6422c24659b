using LiveWatch.Contracts.Scheduling;
using LiveWatch.Contracts.Streams;
using LiveWatch.Dashboard.Accounts;
using LiveWatch.Hashing.Pdq;
using LiveWatch.Silo.Api;
using LiveWatch.Silo.Hosting;
using LiveWatch.Storage.Accounts;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LiveWatch.Silo.Demo;

/// <summary>
/// Seeds the demo once the node is up, idempotently (a restart finds everything and changes nothing): the demo tenant,
/// its Admin (password printed once, and kept owner-only in <c>&lt;data&gt;/demo-admin-password</c>), a bank of the
/// demo pictures hashed with LiveWatch's PDQ, and the demo stream registered by URL, which the embedded ingest worker
/// pulls from <see cref="DemoPublisher"/>.
/// </summary>
internal sealed partial class DemoSeeder : BackgroundService
{
    private const string BankName = "demo-known-pictures";
    private const string StreamId = "demo-live";
    private const string Actor = "system:demo";
    private readonly IServiceScopeFactory _scopes;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly IServer _server;
    private readonly DemoOptions _options;
    private readonly DemoPublisher _publisher;
    private readonly string _dataDirectory;
    private readonly ILogger<DemoSeeder> _logger;

    public DemoSeeder(
        IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, IServer server, IOptions<DemoOptions> options, DemoPublisher publisher,
        IOptions<SiloOptions> silo, ILogger<DemoSeeder> logger)
    {
        _scopes = scopes;
        _lifetime = lifetime;
        _server = server;
        _options = options.Value;
        _publisher = publisher;
        _dataDirectory = silo.Value.DataDirectory;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using (_lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
        }

        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var tenant = _options.TenantId;
            var tenants = services.GetRequiredService<TenantStore>();
            if (await tenants.GetAsync(tenant, stoppingToken).ConfigureAwait(false) is null)
            {
                await tenants.CreateAsync(tenant, "Demo platform", stoppingToken).ConfigureAwait(false);
            }

            var password = await SeedAdminAsync(services, tenant, stoppingToken).ConfigureAwait(false);
            await SeedBankAsync(services, tenant, stoppingToken).ConfigureAwait(false);
            await SeedStreamAsync(services, tenant, stoppingToken).ConfigureAwait(false);

            var address = _server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:8080";
            Console.WriteLine();
            Console.WriteLine("LiveWatch demo");
            Console.WriteLine($"  dashboard: {address.TrimEnd('/')}/dashboard");
            Console.WriteLine($"  login:     {_options.AdminEmail}");
            Console.WriteLine(password is null
                ? $"  password:  printed on the first start; kept in {Path.Combine(_dataDirectory, "demo-admin-password")}"
                : $"  password:  {password}   (shown once; also kept in {Path.Combine(_dataDirectory, "demo-admin-password")})");
            Console.WriteLine($"  stream:    {StreamId}, published on {_publisher.Url}; a bank picture appears 10 s after each connect, then every {_options.PictureEvery.TotalSeconds:0} s");
            Console.WriteLine("  (./run.sh --no-demo runs the node without any of this)");
            Console.WriteLine();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSeedFailed(e);
        }
    }

    // The password when the Admin was created now; null when it existed already.
    private async Task<string?> SeedAdminAsync(IServiceProvider services, string tenant, CancellationToken cancellationToken)
    {
        var users = services.GetRequiredService<UserManager<DashboardUser>>();
        if (await users.FindByEmailAsync(_options.AdminEmail).ConfigureAwait(false) is not null)
        {
            return null;
        }

        var password = DashboardUsers.NewPassword();
        await services.GetRequiredService<DashboardUsers>().AddAsync(_options.AdminEmail, password, DashboardRole.Admin, tenant, Actor, cancellationToken).ConfigureAwait(false);
        var file = Path.Combine(_dataDirectory, "demo-admin-password");
        var write = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            write.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(file, write))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteLineAsync(password).ConfigureAwait(false);
        }

        return password;
    }

    private async Task SeedBankAsync(IServiceProvider services, string tenant, CancellationToken cancellationToken)
    {
        var banks = services.GetRequiredService<BankStore>();
        if ((await banks.ListBanksAsync(tenant, cancellationToken).ConfigureAwait(false)).Any(b => b.Name == BankName && b.DeletedAt is null))
        {
            return;
        }

        var decoder = services.GetRequiredService<PushedPictureDecoder>();
        var entries = new List<NewBankEntry>();
        foreach (var path in _options.PicturesOrDefault())
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            var type = path.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? "image/png" : "image/jpeg";
            var picture = (await decoder.DecodeAsync(type, bytes, null, null, cancellationToken).ConfigureAwait(false))[0];
            var hash = PdqHasher.Compute(picture.Pixels, picture.Width, picture.Height, picture.Format);
            entries.Add(new NewBankEntry(hash.Hash, Path.GetFileName(path), "benign demo picture"));
        }

        var bank = await banks.CreateBankAsync(tenant, BankName, cancellationToken: cancellationToken).ConfigureAwait(false);
        await banks.ImportAsync(tenant, bank.Id, entries, cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<AuditLog>().AppendAsync(tenant, Actor, "bank.imported", "bank", bank.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { source = "demo pictures", entries.Count }, cancellationToken).ConfigureAwait(false);
    }

    private async Task SeedStreamAsync(IServiceProvider services, string tenant, CancellationToken cancellationToken)
    {
        var streams = services.GetRequiredService<StreamStore>();
        var grains = services.GetRequiredService<IGrainFactory>();
        var key = new StreamKey(tenant, StreamId);
        var stream = await streams.GetAsync(tenant, StreamId, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            stream = await streams.RegisterAsync(tenant, new StreamRegistration(StreamId, _publisher.Url, "demo-channel", "demo-user", "Demo live stream", 0), cancellationToken).ConfigureAwait(false);
        }
        else if (stream.State is StreamState.Stopped or StreamState.Ended or StreamState.Failed)
        {
            await grains.GetGrain<IStreamMonitorGrain>(key.ToGrainKey()).ResumeAsync().ConfigureAwait(false);
            stream = await streams.SetStateAsync(tenant, StreamId, StreamState.Registered, cancellationToken).ConfigureAwait(false);
        }

        // Scheduling is idempotent: a restarted node hands the stream to its worker again.
        await grains.GetGrain<IIngestSchedulerGrain>(IngestScheduler.Key)
            .ScheduleAsync(new StreamToFollow(key, stream.SourceUrl ?? _publisher.Url, stream.Priority)).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Demo: seeding failed; the node runs without the demo")]
    private partial void LogSeedFailed(Exception exception);
}
