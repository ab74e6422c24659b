using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace LiveWatch.Storage.Hosting;

/// <summary>Checks <see cref="StorageOptions"/> and says, per problem, which setting to change and how.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>(options.ConfigurationErrors);

        if (!Enum.IsDefined(options.Provider))
        {
            errors.Add($"Storage:Provider {(int)options.Provider} is not a provider; use 'Sqlite' or 'Postgres'.");
        }

        if (options.Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add(
                "Storage:Provider is 'Postgres' but ConnectionStrings:LiveWatch is empty; set it, for example " +
                "'Host=db;Port=5432;Database=livewatch;Username=livewatch;Password=...'.");
        }

        if (options.Provider == StorageProvider.Sqlite)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                if (string.IsNullOrWhiteSpace(options.DataDirectory))
                {
                    errors.Add("Storage:DataDirectory is empty; set the directory for the SQLite file (default './data').");
                }
                else if (options.DataDirectory.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0)
                {
                    errors.Add($"Storage:DataDirectory '{options.DataDirectory}' has characters that cannot be in a path.");
                }
            }
            else if (!IsValidSqliteConnectionString(options.ConnectionString, out var reason))
            {
                errors.Add($"ConnectionStrings:LiveWatch is not a SQLite connection string ({reason}); for example 'Data Source=/var/lib/livewatch/livewatch.db'.");
            }
        }

        if (options.BusyTimeout < TimeSpan.Zero || options.BusyTimeout > TimeSpan.FromHours(1))
        {
            errors.Add($"Storage:BusyTimeoutSeconds is {options.BusyTimeout.TotalSeconds}; use 0 to 3600 seconds.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsValidSqliteConnectionString(string connectionString, out string reason)
    {
        try
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.DataSource))
            {
                reason = "no Data Source";
                return false;
            }

            reason = string.Empty;
            return true;
        }
        catch (ArgumentException e)
        {
            reason = e.Message;
            return false;
        }
    }
}
