using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage;

/// <summary>Ends a read snapshot: rolls its transaction back (it wrote nothing) and hands the connection back.</summary>
internal sealed class SnapshotScope : IAsyncDisposable
{
    private readonly LiveWatchDbContext _context;
    private readonly DbTransaction _transaction;

    public SnapshotScope(LiveWatchDbContext context, DbTransaction transaction)
    {
        _context = context;
        _transaction = transaction;
    }

    public async ValueTask DisposeAsync()
    {
        await _context.Database.UseTransactionAsync(null).ConfigureAwait(false);
        await _transaction.RollbackAsync().ConfigureAwait(false);
        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _context.Database.CloseConnectionAsync().ConfigureAwait(false);
    }
}
