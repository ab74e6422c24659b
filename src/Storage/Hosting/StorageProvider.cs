namespace LiveWatch.Storage.Hosting;

/// <summary>Which database the moderation store uses.</summary>
public enum StorageProvider
{
    /// <summary>A SQLite file in the data directory (single node; the default).</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL database named by <c>ConnectionStrings:LiveWatch</c>.</summary>
    Postgres = 1,
}
