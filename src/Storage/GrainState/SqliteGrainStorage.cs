using System.Globalization;
using Microsoft.Data.Sqlite;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace LiveWatch.Storage.GrainState;

/// <summary>
/// Orleans grain storage in a SQLite file, for the single-node deployment. One row per (grain type, grain key, state
/// name) holds the serialized state and an ETag; a write or clear that names an ETag other than the stored one throws
/// <see cref="InconsistentStateException"/> (optimistic concurrency). ETags are random, never counters, so a record
/// cleared and written again can never be mistaken for the one a stale activation read.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private const int SchemaVersion = 1;

    private readonly string _name;
    private readonly SqliteGrainStorageOptions _options;
    private readonly IActivatorProvider _activators;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private readonly SemaphoreSlim _writer = new(1, 1);
    private volatile bool _initialized;

    /// <summary>Creates the provider; the schema is created on first use or at <see cref="SqliteGrainStorageOptions.InitStage"/>.</summary>
    public SqliteGrainStorage(string name, SqliteGrainStorageOptions options, IActivatorProvider activators)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(activators);
        if (options.GrainStorageSerializer is null)
        {
            throw new ArgumentException("GrainStorageSerializer is not set.", nameof(options));
        }

        _name = name;
        _options = options;
        _activators = activators;
        _connectionString = options.GetConnectionString();
    }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = Command(connection, """SELECT "ETag", "Data" FROM "GrainState" WHERE "GrainType" = $type AND "GrainId" = $id AND "StateName" = $state""", stateName, grainId);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        Reset(grainState);
                        return;
                    }

                    var etag = reader.GetString(0);
                    var data = (byte[])reader.GetValue(1);
                    grainState.State = _options.GrainStorageSerializer.Deserialize<T>(new BinaryData(data));
                    grainState.ETag = etag;
                    grainState.RecordExists = true;
                }
            }
        }
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        var data = _options.GrainStorageSerializer.Serialize(grainState.State).ToArray();
        var newETag = Guid.NewGuid().ToString("N");
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One statement each way, so the ETag check and the write are atomic without a transaction.
            var sql = grainState.ETag is null
                ? """
                  INSERT INTO "GrainState" ("GrainType", "GrainId", "StateName", "ETag", "Data", "UpdatedAt")
                  VALUES ($type, $id, $state, $newETag, $data, $now)
                  ON CONFLICT DO NOTHING
                  """
                : """
                  UPDATE "GrainState" SET "ETag" = $newETag, "Data" = $data, "UpdatedAt" = $now
                  WHERE "GrainType" = $type AND "GrainId" = $id AND "StateName" = $state AND "ETag" = $etag
                  """;
            var command = Command(connection, sql, stateName, grainId);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.AddWithValue("$newETag", newETag);
                command.Parameters.AddWithValue("$data", data);
                command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("$etag", (object?)grainState.ETag ?? DBNull.Value);

                // Once the statement runs it completes: cancelling half-way could leave the caller unsure whether the
                // new ETag was stored.
                if (await ExecuteWriteAsync(command, cancellationToken).ConfigureAwait(false) == 0)
                {
                    var stored = await ReadETagAsync(connection, stateName, grainId).ConfigureAwait(false);
                    throw Conflict<T>("WriteState", stateName, grainId, stored, grainState.ETag);
                }
            }
        }

        grainState.ETag = newETag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = Command(
                connection,
                """DELETE FROM "GrainState" WHERE "GrainType" = $type AND "GrainId" = $id AND "StateName" = $state AND "ETag" IS $etag""",
                stateName,
                grainId);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.AddWithValue("$etag", (object?)grainState.ETag ?? DBNull.Value);
                if (await ExecuteWriteAsync(command, cancellationToken).ConfigureAwait(false) == 0)
                {
                    // Nothing deleted: fine if there is no record (already cleared), a conflict if another ETag is stored.
                    var stored = await ReadETagAsync(connection, stateName, grainId).ConfigureAwait(false);
                    if (stored is not null)
                    {
                        throw Conflict<T>("ClearState", stateName, grainId, stored, grainState.ETag);
                    }
                }
            }
        }

        Reset(grainState);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _initLock.Dispose();
        _writer.Dispose();
    }

    /// <summary>
    /// Runs a write when this silo's previous writes are done. SQLite takes one writer at a time anyway; queueing here
    /// replaces its busy handler's sleeps (up to 100 ms each) with an orderly wait when many grains save at once.
    /// </summary>
    private async Task<int> ExecuteWriteAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(
            OptionFormattingUtilities.Name<SqliteGrainStorage>(_name),
            _options.InitStage,
            ct => EnsureInitializedAsync(ct));
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_initialized)
        {
            await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, BusyTimeoutPragma() + " PRAGMA synchronous=NORMAL;", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            var dataSource = new SqliteConnectionStringBuilder(_connectionString).DataSource;
            var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var connection = new SqliteConnection(_connectionString);
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(
                    connection,
                    BusyTimeoutPragma() + " PRAGMA journal_mode=WAL;" +
                    """
                     CREATE TABLE IF NOT EXISTS "GrainState" (
                        "GrainType" TEXT NOT NULL,
                        "GrainId" TEXT NOT NULL,
                        "StateName" TEXT NOT NULL,
                        "ETag" TEXT NOT NULL,
                        "Data" BLOB NOT NULL,
                        "UpdatedAt" TEXT NOT NULL,
                        PRIMARY KEY ("GrainType", "GrainId", "StateName")
                    ) WITHOUT ROWID;
                    """ +
                    $" PRAGMA user_version = {SchemaVersion};",
                    cancellationToken).ConfigureAwait(false);
            }

            _initialized = true;
        }
        finally
        {
            _initLock.Release();
        }
    }

    private string BusyTimeoutPragma() =>
        string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout={(long)_options.BusyTimeout.TotalMilliseconds};");

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
#pragma warning disable CA2100 // Built from constants and numbers only; values go through parameters elsewhere.
            command.CommandText = sql;
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, string stateName, GrainId grainId)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant SQL; every value is a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Parameters.AddWithValue("$type", grainId.Type.ToString());
        command.Parameters.AddWithValue("$id", grainId.Key.ToString());
        command.Parameters.AddWithValue("$state", stateName);
        return command;
    }

    private static async Task<string?> ReadETagAsync(SqliteConnection connection, string stateName, GrainId grainId)
    {
        var command = Command(connection, """SELECT "ETag" FROM "GrainState" WHERE "GrainType" = $type AND "GrainId" = $id AND "StateName" = $state""", stateName, grainId);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync().ConfigureAwait(false) as string;
        }
    }

    private void Reset<T>(IGrainState<T> grainState)
    {
        grainState.State = _activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private InconsistentStateException Conflict<T>(string operation, string stateName, GrainId grainId, string? storedETag, string? currentETag) =>
        new(
            $"ETag conflict ({operation}) in SQLite grain storage '{_name}': grain {grainId}, state '{stateName}' ({typeof(T).Name}): " +
            $"the caller has ETag {currentETag ?? "none"} but the stored record has {storedETag ?? "none"}.",
            storedETag ?? "none",
            currentETag ?? "none");
}
