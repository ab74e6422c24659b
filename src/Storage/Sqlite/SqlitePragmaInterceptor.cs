using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LiveWatch.Storage.Sqlite;

/// <summary>
/// Sets every SQLite connection up as LiveWatch needs it: WAL (readers never block the writer), foreign keys
/// enforced, a busy timeout so concurrent writers wait instead of failing, and synchronous=NORMAL (safe with WAL:
/// a power cut may lose the last commits but never corrupts the file).
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private readonly string _pragmas;

    public SqlitePragmaInterceptor(TimeSpan busyTimeout)
    {
        _pragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous=NORMAL;");
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The text is built from constants and a number only.
        command.CommandText = _pragmas;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
#pragma warning disable CA2100 // The text is built from constants and a number only.
            command.CommandText = _pragmas;
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
