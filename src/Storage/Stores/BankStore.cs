using LiveWatch.Contracts.Banks;
using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage.Stores;

/// <summary>
/// Hash banks and their entries. Every mutation writes its <see cref="BankChange"/> rows in the same transaction, so
/// the change log is exactly the list of mutations.
/// </summary>
/// <remarks>
/// Bank methods take the owner: a tenant id, or <c>null</c> for global banks (operator only). A bank of another owner
/// is reported as not found. The replication methods (<see cref="GetChangesAfterAsync"/>,
/// <see cref="LoadEnabledEntriesAsync"/>, <see cref="GetCurrentSequenceAsync"/>) are for the matcher, which serves
/// every tenant: they read all banks and carry each bank's owner so the matcher applies a tenant's banks to that
/// tenant's streams only.
/// </remarks>
public sealed class BankStore
{
    /// <summary>Entries written per round trip during an import.</summary>
    internal const int ImportBatchSize = 1000;

    /// <summary>Most changes returned by one <see cref="GetChangesAfterAsync"/> call.</summary>
    public const int MaxChangesPerRead = 10_000;

    private readonly LiveWatchDbContext _db;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over a unit of work.</summary>
    public BankStore(LiveWatchDbContext db, TimeProvider time)
    {
        _db = db;
        _time = time;
    }

    /// <summary>Creates a bank and records <see cref="BankChangeKind.BankCreated"/>.</summary>
    /// <exception cref="EntityConflictException">The owner already has a live bank of that name.</exception>
    public async Task<Bank> CreateBankAsync(
        string? tenantId,
        string name,
        BankKind kind = BankKind.Normal,
        int distanceThreshold = Bank.DefaultDistanceThreshold,
        bool enabled = true,
        CancellationToken cancellationToken = default)
    {
        Guard.OptionalTenantId(tenantId);
        Guard.Text(name, Bank.MaxNameLength, nameof(name));
        CheckThreshold(distanceThreshold);
        CheckKind(kind);

        return await _db.ExecuteInTransactionAsync(
            async ct =>
            {
                if (tenantId is not null && !await _db.Tenants.AnyAsync(t => t.Id == tenantId, ct).ConfigureAwait(false))
                {
                    throw new EntityNotFoundException($"Tenant '{tenantId}' does not exist.");
                }

                if (await LiveBanks(tenantId).AnyAsync(b => b.Name == name, ct).ConfigureAwait(false))
                {
                    throw new EntityConflictException($"A bank named '{name}' already exists{Owner(tenantId)}.");
                }

                var now = _time.UtcNow();
                var bank = new Bank
                {
                    TenantId = tenantId,
                    Name = name,
                    Kind = kind,
                    DistanceThreshold = distanceThreshold,
                    Enabled = enabled,
                    CreatedAt = now,
                };
                _db.Banks.Add(bank);
                await _db.SaveChangesAsync(ct).ConfigureAwait(false);
                _db.BankChanges.Add(new BankChange { BankId = bank.Id, Kind = BankChangeKind.BankCreated, At = now });
                await _db.SaveChangesAsync(ct).ConfigureAwait(false);
                return bank;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The owner's live bank, or null.</summary>
    public Task<Bank?> GetBankAsync(string? tenantId, long bankId, CancellationToken cancellationToken = default)
    {
        Guard.OptionalTenantId(tenantId);
        return LiveBanks(tenantId).AsNoTracking().FirstOrDefaultAsync(b => b.Id == bankId, cancellationToken);
    }

    /// <summary>The owner's live banks, by name.</summary>
    public async Task<IReadOnlyList<Bank>> ListBanksAsync(string? tenantId, CancellationToken cancellationToken = default)
    {
        Guard.OptionalTenantId(tenantId);
        return await LiveBanks(tenantId).AsNoTracking().OrderBy(b => b.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Enables a bank; records <see cref="BankChangeKind.BankEnabled"/> if it was disabled.</summary>
    public Task<Bank> EnableAsync(string? tenantId, long bankId, CancellationToken cancellationToken = default) =>
        MutateBankAsync(tenantId, bankId, bank => Change(bank.Enabled != true, () => bank.Enabled = true, BankChangeKind.BankEnabled), cancellationToken);

    /// <summary>Disables a bank; records <see cref="BankChangeKind.BankDisabled"/> if it was enabled.</summary>
    public Task<Bank> DisableAsync(string? tenantId, long bankId, CancellationToken cancellationToken = default) =>
        MutateBankAsync(tenantId, bankId, bank => Change(bank.Enabled, () => bank.Enabled = false, BankChangeKind.BankDisabled), cancellationToken);

    /// <summary>Sets the distance threshold (0..63); records <see cref="BankChangeKind.ThresholdChanged"/> if it changed.</summary>
    public Task<Bank> SetThresholdAsync(string? tenantId, long bankId, int distanceThreshold, CancellationToken cancellationToken = default)
    {
        CheckThreshold(distanceThreshold);
        return MutateBankAsync(
            tenantId,
            bankId,
            bank => Change(bank.DistanceThreshold != distanceThreshold, () => bank.DistanceThreshold = distanceThreshold, BankChangeKind.ThresholdChanged),
            cancellationToken);
    }

    /// <summary>Sets the kind; records <see cref="BankChangeKind.KindChanged"/> if it changed.</summary>
    public Task<Bank> SetKindAsync(string? tenantId, long bankId, BankKind kind, CancellationToken cancellationToken = default)
    {
        CheckKind(kind);
        return MutateBankAsync(tenantId, bankId, bank => Change(bank.Kind != kind, () => bank.Kind = kind, BankChangeKind.KindChanged), cancellationToken);
    }

    /// <summary>
    /// Deletes a bank (soft: it and its entries stay for past matches) and records
    /// <see cref="BankChangeKind.BankDeleted"/>. A deleted bank is no longer found by any method but the change log.
    /// </summary>
    public async Task DeleteBankAsync(string? tenantId, long bankId, CancellationToken cancellationToken = default)
    {
        var now = _time.UtcNow();
        await MutateBankAsync(
            tenantId,
            bankId,
            bank => Change(true, () => bank.DeletedAt = now, BankChangeKind.BankDeleted),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds many entries atomically: either every entry is stored, with one <see cref="BankChangeKind.EntryAdded"/>
    /// each, or (on any bad entry) nothing is and a <see cref="BankImportException"/> names the first bad one.
    /// Joins the caller's transaction when one is open on the context.
    /// </summary>
    public async Task<BankImportResult> ImportAsync(
        string? tenantId,
        long bankId,
        IEnumerable<NewBankEntry> entries,
        CancellationToken cancellationToken = default)
    {
        Guard.OptionalTenantId(tenantId);
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries as IReadOnlyList<NewBankEntry> ?? entries.ToList();
        ValidateImport(list);

        try
        {
            return await _db.ExecuteInTransactionAsync(ct => ImportCoreAsync(tenantId, bankId, list, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (_db.IsUniqueViolation(e) && _db.Database.CurrentTransaction is null)
        {
            // Rolled back; now the database can be asked which entry collided (a failed PostgreSQL transaction
            // answers nothing until it ends).
            var index = await FindDuplicateExternalIdAsync(bankId, list, cancellationToken).ConfigureAwait(false);
            throw new BankImportException(
                index is { } i
                    ? $"Entry {i + 1} of the import has external id '{list[i].ExternalId}', which an active entry of bank {bankId} already has; nothing was imported."
                    : $"The database refused the import ({e.InnerException?.Message ?? e.Message}); nothing was imported.",
                e)
            {
                EntryIndex = index,
            };
        }
    }

    /// <summary>Adds one entry and records <see cref="BankChangeKind.EntryAdded"/>.</summary>
    /// <exception cref="EntityConflictException">An active entry of the bank has the same external id.</exception>
    public async Task<BankEntry> AddEntryAsync(string? tenantId, long bankId, NewBankEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            var result = await ImportAsync(tenantId, bankId, [entry], cancellationToken).ConfigureAwait(false);
            return await _db.BankEntries.AsNoTracking().SingleAsync(e => e.Id == result.FirstEntryId, cancellationToken).ConfigureAwait(false);
        }
        catch (BankImportException e) when (e.EntryIndex is not null)
        {
            throw new EntityConflictException($"Bank {bankId} already has an active entry with external id '{entry.ExternalId}'.", e);
        }
    }

    /// <summary>Removes an entry (soft) and records <see cref="BankChangeKind.EntryRemoved"/>; false if it was already removed.</summary>
    public async Task<bool> RemoveEntryAsync(string? tenantId, long bankId, long entryId, CancellationToken cancellationToken = default)
    {
        Guard.OptionalTenantId(tenantId);
        return await _db.ExecuteInTransactionAsync(
            async ct =>
            {
                await RequireLiveBankAsync(tenantId, bankId, ct).ConfigureAwait(false);
                _db.ForgetUnchanged<BankEntry>(entryId);
                var entry = await _db.BankEntries.FirstOrDefaultAsync(e => e.Id == entryId && e.BankId == bankId, ct).ConfigureAwait(false)
                    ?? throw new EntityNotFoundException($"Bank {bankId} has no entry {entryId}.");
                if (entry.RemovedAt is not null)
                {
                    return false;
                }

                var now = _time.UtcNow();
                entry.RemovedAt = now;
                _db.BankChanges.Add(new BankChange { BankId = bankId, EntryId = entryId, Kind = BankChangeKind.EntryRemoved, At = now });
                await _db.SaveChangesAsync(ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A page of the bank's active entries, by id, after <paramref name="afterEntryId"/>.</summary>
    public async Task<IReadOnlyList<BankEntry>> ListEntriesAsync(
        string? tenantId,
        long bankId,
        long afterEntryId = 0,
        int max = 1000,
        CancellationToken cancellationToken = default)
    {
        Guard.OptionalTenantId(tenantId);
        var take = Guard.Max(max, 10_000);
        return await _db.BankEntries.AsNoTracking()
            .Where(e => e.BankId == bankId && e.RemovedAt == null && e.Id > afterEntryId)
            .Where(e => LiveBanks(tenantId).Any(b => b.Id == e.BankId))
            .OrderBy(e => e.Id)
            .Take(take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Number of active entries in the owner's bank.</summary>
    public Task<int> CountEntriesAsync(string? tenantId, long bankId, CancellationToken cancellationToken = default)
    {
        Guard.OptionalTenantId(tenantId);
        return _db.BankEntries
            .Where(e => e.BankId == bankId && e.RemovedAt == null)
            .Where(e => LiveBanks(tenantId).Any(b => b.Id == e.BankId))
            .CountAsync(cancellationToken);
    }

    /// <summary>The highest change sequence (0 when nothing changed yet). Replication: all owners.</summary>
    public async Task<long> GetCurrentSequenceAsync(CancellationToken cancellationToken = default) =>
        await _db.BankChanges.MaxAsync(c => (long?)c.Sequence, cancellationToken).ConfigureAwait(false) ?? 0;

    /// <summary>
    /// Up to <paramref name="max"/> changes after <paramref name="sequence"/>, in order, with the entries' hashes and
    /// the banks' current settings. Replication: all owners.
    /// </summary>
    public async Task<IReadOnlyList<BankChangeRecord>> GetChangesAfterAsync(long sequence, int max, CancellationToken cancellationToken = default)
    {
        var take = Guard.Max(max, MaxChangesPerRead);
        var rows = await (
                from change in _db.BankChanges.AsNoTracking()
                join bank in _db.Banks.AsNoTracking() on change.BankId equals bank.Id
                join entry in _db.BankEntries.AsNoTracking() on change.EntryId equals (long?)entry.Id into entries
                from entry in entries.DefaultIfEmpty()
                where change.Sequence > sequence
                orderby change.Sequence
                select new { change, bank, entry })
            .Take(take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        return rows
            .Select(r => new BankChangeRecord(
                r.change.Sequence,
                r.change.Kind,
                r.change.At,
                BankInfo.From(r.bank),
                r.change.EntryId,
                r.entry?.Hash,
                r.entry?.ExternalId))
            .ToList();
    }

    /// <summary>
    /// A replica's initial load: streams every active entry of every enabled, live bank to <paramref name="onEntry"/>
    /// (by entry id) from one consistent snapshot, and returns the banks and the change sequence that snapshot is
    /// current to. Replication: all owners. <paramref name="onEntry"/> must not use this store's context.
    /// </summary>
    public async Task<BankSnapshot> LoadEnabledEntriesAsync(
        Func<BankSnapshotEntry, CancellationToken, ValueTask> onEntry,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onEntry);
        if (_db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("LoadEnabledEntriesAsync takes a snapshot of its own; call it outside a transaction.");
        }

        var snapshot = await _db.BeginSnapshotAsync(cancellationToken).ConfigureAwait(false);
        await using (snapshot.ConfigureAwait(false))
        {
            var sequence = await GetCurrentSequenceAsync(cancellationToken).ConfigureAwait(false);
            var banks = await _db.Banks.AsNoTracking()
                .Where(b => b.Enabled && b.DeletedAt == null)
                .OrderBy(b => b.Id)
                .ToListAsync(cancellationToken).ConfigureAwait(false);

            long count = 0;
            var entries = _db.BankEntries.AsNoTracking()
                .Where(e => e.RemovedAt == null && _db.Banks.Any(b => b.Id == e.BankId && b.Enabled && b.DeletedAt == null))
                .OrderBy(e => e.Id)
                .Select(e => new BankSnapshotEntry(e.Id, e.BankId, e.Hash, e.ExternalId))
                .AsAsyncEnumerable()
                .WithCancellation(cancellationToken)
                .ConfigureAwait(false);
            await foreach (var entry in entries)
            {
                await onEntry(entry, cancellationToken).ConfigureAwait(false);
                count++;
            }

            return new BankSnapshot(sequence, banks.Select(BankInfo.From).ToList(), count);
        }
    }

    private async Task<BankImportResult> ImportCoreAsync(string? tenantId, long bankId, IReadOnlyList<NewBankEntry> list, CancellationToken ct)
    {
        await RequireLiveBankAsync(tenantId, bankId, ct).ConfigureAwait(false);
        var now = _time.UtcNow();
        long? first = null;
        long? last = null;
        long lastSequence = 0;
        for (var start = 0; start < list.Count; start += ImportBatchSize)
        {
            var batch = new List<BankEntry>(Math.Min(ImportBatchSize, list.Count - start));
            for (var i = start; i < list.Count && i < start + ImportBatchSize; i++)
            {
                var item = list[i];
                batch.Add(new BankEntry { BankId = bankId, Hash = item.Hash, ExternalId = item.ExternalId, Label = item.Label, AddedAt = now });
            }

            _db.BankEntries.AddRange(batch);
            await _db.SaveChangesAsync(ct).ConfigureAwait(false);

            // Entry ids exist only after the first save; the changes reference them.
            var changes = batch.Select(e => new BankChange { BankId = bankId, EntryId = e.Id, Kind = BankChangeKind.EntryAdded, At = now }).ToList();
            _db.BankChanges.AddRange(changes);
            await _db.SaveChangesAsync(ct).ConfigureAwait(false);

            first ??= batch[0].Id;
            last = batch[^1].Id;
            lastSequence = changes[^1].Sequence;

            // Keeps memory flat on big imports; the rows are saved (though not yet committed).
            _db.ChangeTracker.Clear();
        }

        if (list.Count == 0)
        {
            lastSequence = await GetCurrentSequenceAsync(ct).ConfigureAwait(false);
        }

        return new BankImportResult(list.Count, first, last, lastSequence);
    }

    private static void ValidateImport(IReadOnlyList<NewBankEntry> list)
    {
        var externalIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var entry = list[i] ?? throw new BankImportException($"Entry {i + 1} of the import is null; nothing was imported.") { EntryIndex = i };
            string? problem = null;
            if (entry.ExternalId is { } externalId)
            {
                if (string.IsNullOrWhiteSpace(externalId))
                {
                    problem = "has a blank external id (leave it null instead)";
                }
                else if (externalId.Length > BankEntry.MaxExternalIdLength)
                {
                    problem = $"has an external id of {externalId.Length} characters (at most {BankEntry.MaxExternalIdLength})";
                }
                else if (!externalIds.TryAdd(externalId, i))
                {
                    problem = $"repeats the external id '{externalId}' of entry {externalIds[externalId] + 1}";
                }
            }

            if (problem is null && entry.Label is { Length: > BankEntry.MaxLabelLength })
            {
                problem = $"has a label of {entry.Label.Length} characters (at most {BankEntry.MaxLabelLength})";
            }

            if (problem is not null)
            {
                throw new BankImportException($"Entry {i + 1} of the import {problem}; nothing was imported.") { EntryIndex = i };
            }
        }
    }

    private async Task<int?> FindDuplicateExternalIdAsync(long bankId, IReadOnlyList<NewBankEntry> list, CancellationToken ct)
    {
        var ids = list.Where(e => e.ExternalId is not null).Select(e => e.ExternalId!).ToList();
        for (var start = 0; start < ids.Count; start += ImportBatchSize)
        {
            var chunk = ids.Skip(start).Take(ImportBatchSize).ToList();
            var taken = await _db.BankEntries.AsNoTracking()
                .Where(e => e.BankId == bankId && e.RemovedAt == null && e.ExternalId != null && chunk.Contains(e.ExternalId))
                .Select(e => e.ExternalId!)
                .ToListAsync(ct).ConfigureAwait(false);
            if (taken.Count > 0)
            {
                var set = taken.ToHashSet(StringComparer.Ordinal);
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i].ExternalId is { } id && set.Contains(id))
                    {
                        return i;
                    }
                }
            }
        }

        return null;
    }

    private async Task<Bank> MutateBankAsync(string? tenantId, long bankId, Func<Bank, BankChangeKind?> mutate, CancellationToken cancellationToken)
    {
        Guard.OptionalTenantId(tenantId);
        return await _db.ExecuteInTransactionAsync(
            async ct =>
            {
                var bank = await RequireLiveBankAsync(tenantId, bankId, ct, tracking: true).ConfigureAwait(false);
                if (mutate(bank) is { } kind)
                {
                    _db.BankChanges.Add(new BankChange { BankId = bank.Id, Kind = kind, At = _time.UtcNow() });
                    await _db.SaveChangesAsync(ct).ConfigureAwait(false);
                }

                return bank;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static BankChangeKind? Change(bool changes, Action apply, BankChangeKind kind)
    {
        if (!changes)
        {
            return null;
        }

        apply();
        return kind;
    }

    private async Task<Bank> RequireLiveBankAsync(string? tenantId, long bankId, CancellationToken ct, bool tracking = false)
    {
        if (tracking)
        {
            _db.ForgetUnchanged<Bank>(bankId);
        }

        var query = tracking ? LiveBanks(tenantId) : LiveBanks(tenantId).AsNoTracking();
        return await query.FirstOrDefaultAsync(b => b.Id == bankId, ct).ConfigureAwait(false)
            ?? throw new EntityNotFoundException($"There is no bank {bankId}{Owner(tenantId)}.");
    }

    // Live banks of one owner: the tenant's, or the global ones for null. Never another tenant's.
    private IQueryable<Bank> LiveBanks(string? tenantId) =>
        tenantId is null
            ? _db.Banks.Where(b => b.TenantId == null && b.DeletedAt == null)
            : _db.Banks.Where(b => b.TenantId == tenantId && b.DeletedAt == null);

    private static string Owner(string? tenantId) => tenantId is null ? " among the global banks" : $" for tenant '{tenantId}'";

    private static void CheckThreshold(int distanceThreshold)
    {
        if (distanceThreshold is < 0 or > Bank.MaxDistanceThreshold)
        {
            throw new ArgumentOutOfRangeException(nameof(distanceThreshold), distanceThreshold, $"A distance threshold is 0..{Bank.MaxDistanceThreshold}.");
        }
    }

    private static void CheckKind(BankKind kind)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown bank kind.");
        }
    }
}
