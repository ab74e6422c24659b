using LiveWatch.Storage.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveWatch.Storage.Tests.Hosting;

public sealed class StorageOptionsTests
{
    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Defaults_are_SQLite_in_the_data_directory_with_migrations_on_start()
    {
        var options = StorageOptions.FromConfiguration(Config());
        Assert.Equal(StorageProvider.Sqlite, options.Provider);
        Assert.Equal("./data", options.DataDirectory);
        Assert.True(options.ShouldMigrateOnStart);
        Assert.EndsWith("/data/livewatch.db", options.GetSqliteConnectionString(), StringComparison.Ordinal);
        Assert.True(new StorageOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Postgres_needs_a_connection_string_and_does_not_migrate_on_start_by_default()
    {
        var options = StorageOptions.FromConfiguration(Config(("Storage:Provider", "postgres")));
        Assert.Equal(StorageProvider.Postgres, options.Provider);
        Assert.False(options.ShouldMigrateOnStart);
        var result = new StorageOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("ConnectionStrings:LiveWatch is empty", result.FailureMessage, StringComparison.Ordinal);

        var withConnection = StorageOptions.FromConfiguration(Config(("Storage:Provider", "Postgres"), ("ConnectionStrings:LiveWatch", "Host=db;Database=lw"), ("Storage:MigrateOnStart", "true")));
        Assert.True(new StorageOptionsValidator().Validate(null, withConnection).Succeeded);
        Assert.True(withConnection.ShouldMigrateOnStart);
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once_with_the_key_and_what_to_use()
    {
        var options = StorageOptions.FromConfiguration(Config(("Storage:Provider", "mysql"), ("Storage:MigrateOnStart", "yes"), ("Storage:BusyTimeoutSeconds", "soon")));
        var result = new StorageOptionsValidator().Validate(null, options);
        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains("Storage:Provider is 'mysql'; use 'Sqlite' or 'Postgres'.", result.Failures!);
        Assert.Contains("Storage:MigrateOnStart is 'yes'; use 'true' or 'false'.", result.Failures!);
        Assert.Contains("Storage:BusyTimeoutSeconds is 'soon'; use a number of seconds.", result.Failures!);
    }

    [Fact]
    public void AddLiveWatchStorage_fails_at_registration_on_bad_settings()
    {
        var services = new ServiceCollection();
        var error = Assert.Throws<OptionsValidationException>(() => services.AddLiveWatchStorage(Config(("Storage:Provider", "Postgres"))));
        Assert.Contains("ConnectionStrings:LiveWatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_SQLite_connection_string_without_a_data_source_is_refused()
    {
        var options = new StorageOptions { ConnectionString = "Mode=ReadOnly" };
        var result = new StorageOptionsValidator().Validate(null, options);
        Assert.Contains("not a SQLite connection string", result.FailureMessage, StringComparison.Ordinal);
    }
}
