using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveWatch.Storage.Hosting;

/// <summary>
/// Applies the provider's migrations through contexts of its own scope: the moderation store's, then the dashboard
/// accounts' (same database, own history table).
/// </summary>
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
            foreach (var context in Contexts(scope.ServiceProvider))
            {
                var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
                if (pending.Count == 0)
                {
                    LogUpToDate(context.GetType().Name, context.Database.ProviderName);
                    continue;
                }

                LogApplying(pending.Count, context.GetType().Name, context.Database.ProviderName, pending);
                await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken = default)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var pending = new List<string>();
            foreach (var context in Contexts(scope.ServiceProvider))
            {
                pending.AddRange(await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false));
            }

            return pending;
        }
    }

    // The store first: the accounts refer to its tenants by id.
    private static IEnumerable<DbContext> Contexts(IServiceProvider services)
    {
        yield return services.GetRequiredService<LiveWatchDbContext>();
        yield return services.GetRequiredService<Accounts.AccountsDbContext>();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage schema of {Context} is up to date ({Provider}).")]
    private partial void LogUpToDate(string context, string? provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} storage migration(s) of {Context} on {Provider}: {Migrations}.")]
    private partial void LogApplying(int count, string context, string? provider, IEnumerable<string> migrations);
}
