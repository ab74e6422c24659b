using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiveWatch.Storage.Hosting;

/// <summary>
/// Applies migrations when the host starts, if <see cref="StorageOptions.ShouldMigrateOnStart"/>. Hosted services
/// start in registration order: register storage before the Orleans silo so grains never see an old schema.
/// </summary>
internal sealed class StorageMigrationHostedService : IHostedService
{
    private readonly StorageOptions _options;
    private readonly IStorageMigrator _migrator;

    public StorageMigrationHostedService(IOptions<StorageOptions> options, IStorageMigrator migrator)
    {
        _options = options.Value;
        _migrator = migrator;
    }

    public Task StartAsync(CancellationToken cancellationToken) =>
        _options.ShouldMigrateOnStart ? _migrator.MigrateAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
