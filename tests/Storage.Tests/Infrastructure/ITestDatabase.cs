namespace LiveWatch.Storage.Tests.Infrastructure;

/// <summary>A fresh, migrated database of one provider, dropped on dispose.</summary>
public interface ITestDatabase : IAsyncDisposable
{
    /// <summary>"Sqlite" or "Postgres".</summary>
    string Provider { get; }

    /// <summary>A new context (a new unit of work) on the database.</summary>
    LiveWatchDbContext CreateContext();
}
