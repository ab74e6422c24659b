using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace LiveWatch.Storage.Hosting;

/// <summary>
/// Storage settings. From configuration: <c>Storage:Provider</c> (<c>Sqlite</c> | <c>Postgres</c>),
/// <c>ConnectionStrings:LiveWatch</c>, <c>Storage:DataDirectory</c> (default <c>./data</c>),
/// <c>Storage:MigrateOnStart</c> (default true for SQLite, false for PostgreSQL) and
/// <c>Storage:BusyTimeoutSeconds</c> (SQLite, default 30).
/// </summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section of the storage settings.</summary>
    public const string SectionName = "Storage";

    /// <summary>Name of the connection string in <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "LiveWatch";

    /// <summary>File name of the SQLite database inside <see cref="DataDirectory"/>.</summary>
    public const string SqliteFileName = "livewatch.db";

    /// <summary>The database.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// Connection string. Required for PostgreSQL; for SQLite, optional (it overrides the file in
    /// <see cref="DataDirectory"/>).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Directory of the SQLite file (created when missing).</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Whether migrations are applied on start; null means the provider's default (SQLite yes, PostgreSQL no).</summary>
    public bool? MigrateOnStart { get; set; }

    /// <summary>How long a SQLite writer waits for another one before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether migrations are applied on start, after defaults.</summary>
    public bool ShouldMigrateOnStart => MigrateOnStart ?? Provider == StorageProvider.Sqlite;

    /// <summary>Problems found while reading configuration (unknown provider, a value that is not a number).</summary>
    internal List<string> ConfigurationErrors { get; } = [];

    /// <summary>
    /// Reads the settings from configuration. Values that cannot be read are kept as errors for
    /// <see cref="StorageOptionsValidator"/>, which reports them all at once with the key and the accepted values.
    /// </summary>
    public static StorageOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new StorageOptions();
        var section = configuration.GetSection(SectionName);

        var provider = section["Provider"];
        if (!string.IsNullOrWhiteSpace(provider))
        {
            if (Enum.TryParse<StorageProvider>(provider.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                options.Provider = parsed;
            }
            else if (provider.Trim().Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
            {
                options.Provider = StorageProvider.Postgres;
            }
            else
            {
                options.ConfigurationErrors.Add($"Storage:Provider is '{provider}'; use 'Sqlite' or 'Postgres'.");
            }
        }

        options.ConnectionString = configuration.GetConnectionString(ConnectionStringName);
        var dataDirectory = section["DataDirectory"];
        if (!string.IsNullOrWhiteSpace(dataDirectory))
        {
            options.DataDirectory = dataDirectory;
        }

        var migrate = section["MigrateOnStart"];
        if (!string.IsNullOrWhiteSpace(migrate))
        {
            if (bool.TryParse(migrate.Trim(), out var value))
            {
                options.MigrateOnStart = value;
            }
            else
            {
                options.ConfigurationErrors.Add($"Storage:MigrateOnStart is '{migrate}'; use 'true' or 'false'.");
            }
        }

        var busy = section["BusyTimeoutSeconds"];
        if (!string.IsNullOrWhiteSpace(busy))
        {
            if (double.TryParse(busy.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
            {
                options.BusyTimeout = TimeSpan.FromSeconds(seconds);
            }
            else
            {
                options.ConfigurationErrors.Add($"Storage:BusyTimeoutSeconds is '{busy}'; use a number of seconds.");
            }
        }

        return options;
    }

    /// <summary>The SQLite connection string: <see cref="ConnectionString"/>, else the file in <see cref="DataDirectory"/>.</summary>
    public string GetSqliteConnectionString() =>
        string.IsNullOrWhiteSpace(ConnectionString)
            ? $"Data Source={Path.GetFullPath(Path.Combine(DataDirectory, SqliteFileName))}"
            : ConnectionString;
}
