using LiveWatch.Storage.Accounts;
using LiveWatch.Storage.Secrets;
using LiveWatch.Storage.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveWatch.Storage.Hosting;

/// <summary>Registers the moderation store.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store from configuration (see <see cref="StorageOptions"/>): the provider's
    /// <see cref="LiveWatchDbContext"/> and <see cref="AccountsDbContext"/> (scoped), the stores (scoped), <see cref="IStorageMigrator"/> and the hosted
    /// step that migrates on start. Invalid settings fail here, with every problem listed.
    /// </summary>
    /// <remarks>
    /// Webhook secrets are sealed with a key derived from <see cref="WebhookSecretProtector.KeySetting"/>, read when the
    /// first <see cref="WebhookEndpointStore"/> is made: processes that never touch webhooks need no key.
    /// </remarks>
    public static IServiceCollection AddLiveWatchStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(_ => new WebhookSecretProtector(configuration[WebhookSecretProtector.KeySetting]));
        return services.AddLiveWatchStorage(StorageOptions.FromConfiguration(configuration));
    }

    /// <summary>Registers the store with settings made in code.</summary>
    public static IServiceCollection AddLiveWatchStorage(this IServiceCollection services, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var result = new StorageOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(StorageOptions), result.Failures);
        }

        services.AddSingleton(Options.Create(options));
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();

        switch (options.Provider)
        {
            case StorageProvider.Sqlite:
                var sqlite = new Lazy<string>(() => PrepareSqlite(options.GetSqliteConnectionString()));
                services.AddDbContext<LiveWatchDbContext, SqliteLiveWatchDbContext>(
                    builder => SqliteLiveWatchDbContext.Configure(builder, sqlite.Value, options.BusyTimeout));
                services.AddDbContext<AccountsDbContext, SqliteAccountsDbContext>(
                    builder => SqliteAccountsDbContext.Configure(builder, sqlite.Value, options.BusyTimeout));
                break;
            case StorageProvider.Postgres:
                var postgres = options.ConnectionString!;
                services.AddDbContext<LiveWatchDbContext, PostgresLiveWatchDbContext>(
                    builder => PostgresLiveWatchDbContext.Configure(builder, postgres));
                services.AddDbContext<AccountsDbContext, PostgresAccountsDbContext>(
                    builder => PostgresAccountsDbContext.Configure(builder, postgres));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown storage provider.");
        }

        services.AddScoped<TenantStore>();
        services.AddScoped<ApiKeyStore>();
        services.AddScoped<StreamStore>();
        services.AddScoped<BankStore>();
        services.AddScoped<IncidentStore>();
        services.AddScoped<FeedStore>();
        services.AddScoped<AuditLog>();
        services.AddScoped<OutboxStore>();
        services.AddScoped<WebhookEndpointStore>();

        // Settings made in code carry no evidence key: unless the host registered a protector, a webhook store fails naming the setting.
        services.TryAddSingleton(_ => new WebhookSecretProtector(null));
        services.AddSingleton<IStorageMigrator, StorageMigrator>();
        services.AddHostedService<StorageMigrationHostedService>();
        return services;
    }

    // SQLite creates the file but not its directory; done once, when the first context is built.
    private static string PrepareSqlite(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (!string.IsNullOrEmpty(dataSource) && dataSource != ":memory:" && !dataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        return connectionString;
    }
}
