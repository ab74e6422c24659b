using Microsoft.Data.Sqlite;
using Orleans;
using Orleans.Storage;

namespace LiveWatch.Storage.GrainState;

/// <summary>Settings of one <see cref="SqliteGrainStorage"/> provider.</summary>
public sealed class SqliteGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>Default file name inside <see cref="DataDirectory"/>.</summary>
    public const string DefaultFileName = "grain-state.db";

    /// <summary>Full SQLite connection string; when set, <see cref="DataDirectory"/> and <see cref="FileName"/> are ignored.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Directory of the database file (created when missing). Default <c>./data</c>.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>
    /// Database file name. Its own file by default, apart from the moderation store's: grain state is written far
    /// more often, and a separate file keeps its write lock from delaying moderators' writes.
    /// </summary>
    public string FileName { get; set; } = DefaultFileName;

    /// <summary>How long a write waits for another writer before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Silo lifecycle stage at which the schema is created.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;

    /// <summary>
    /// How state is turned into bytes. Default: Orleans' own serializer (<see cref="OrleansGrainStorageSerializer"/>),
    /// not the silo-wide default: grain state types are <c>[GenerateSerializer]</c> types already (they cross the
    /// wire), the format is version tolerant by <c>[Id]</c> so state survives added and removed fields, and it needs
    /// no public setters or reflection the way a JSON serializer does. Set a JSON serializer here to make rows
    /// readable in the sqlite3 shell.
    /// </summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;

    /// <summary>The connection string to use.</summary>
    public string GetConnectionString()
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(ConnectionString)
                ? $"Data Source={Path.GetFullPath(Path.Combine(DataDirectory, FileName))}"
                : ConnectionString)
        {
            // Microsoft.Data.Sqlite retries a busy database until the command timeout.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(BusyTimeout.TotalSeconds)),
            Pooling = true,
        };
        return builder.ToString();
    }
}
