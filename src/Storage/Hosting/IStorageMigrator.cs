namespace LiveWatch.Storage.Hosting;

/// <summary>Brings the database schema up to date with the migrations of the configured provider.</summary>
public interface IStorageMigrator
{
    /// <summary>Applies every pending migration (creating the SQLite file and its directory when missing).</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>Names of the migrations not applied yet.</summary>
    Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken = default);
}
