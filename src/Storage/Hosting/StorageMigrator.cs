using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveWatch.Storage.Hosting;

/// <summary>Applies the provider's migrations through a context of its own scope.</summary>
internal sealed partial class StorageMigrator : IStorageMigrator
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<StorageMigrator> _logger;

    public StorageMigrator(IServiceScopeFactory scopes, ILogger<StorageMigrator> logger)
    {
        _scopes = scopes;
        _logger = logger;
    }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = scope.ServiceProvider.GetRequiredService<LiveWatchDbContext>();
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
            if (pending.Count == 0)
            {
                LogUpToDate(context.Database.ProviderName);
                return;
            }

            LogApplying(pending.Count, context.Database.ProviderName, pending);
            await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken = default)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = scope.ServiceProvider.GetRequiredService<LiveWatchDbContext>();
            return (await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage schema is up to date ({Provider}).")]
    private partial void LogUpToDate(string? provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} storage migration(s) on {Provider}: {Migrations}.")]
    private partial void LogApplying(int count, string? provider, IEnumerable<string> migrations);
}
