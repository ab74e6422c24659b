using LiveWatch.Hashing;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using StoredBank = LiveWatch.Storage.Stores.BankInfo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveWatch.Grains.Matching;

/// <summary>
/// Keeps this silo's <see cref="HashBankReplica"/> in step with the moderation store: a snapshot of every enabled
/// bank at start, then the change sequence applied as deltas every poll, so an added or removed hash takes effect for
/// matching within seconds, without a restart and without blocking queries.
/// </summary>
public sealed partial class BankReplicationService : BackgroundService
{
    private readonly HashBankReplica _replica;
    private readonly IServiceScopeFactory _scopes;
    private readonly BankReplicationOptions _options;
    private readonly ILogger<BankReplicationService> _logger;
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Banks whose entries are in the index; a bank disabled at load time gets its entries when enabled.
    private readonly HashSet<long> _banksWithEntries = [];

    public BankReplicationService(HashBankReplica replica, IServiceScopeFactory scopes, IOptions<BankReplicationOptions> options, ILogger<BankReplicationService> logger)
    {
        _replica = replica;
        _scopes = scopes;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Completes once the initial snapshot is in the replica (readiness waits for it).</summary>
    public Task Loaded => _loaded.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested && !_loaded.Task.IsCompleted)
        {
            try
            {
                await LoadSnapshotAsync(stoppingToken).ConfigureAwait(false);
                _loaded.TrySetResult();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogLoadFailed(e);
                await Task.Delay(_options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.PollInterval, stoppingToken).ConfigureAwait(false);
                while (await ApplyChangesAsync(stoppingToken).ConfigureAwait(false) == _options.BatchSize)
                {
                    // A full batch: more are waiting.
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogPollFailed(e, _replica.AppliedSequence);
            }
        }
    }

    /// <summary>Applies the changes after the replica's sequence once; returns how many were read.</summary>
    public async Task<int> ApplyChangesAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<BankStore>();
        var changes = await store.GetChangesAfterAsync(_replica.AppliedSequence, _options.BatchSize, cancellationToken).ConfigureAwait(false);
        foreach (var change in changes)
        {
            await ApplyAsync(store, change, cancellationToken).ConfigureAwait(false);
            _replica.MarkApplied(change.Sequence);
        }

        return changes.Count;
    }

    private async Task LoadSnapshotAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<BankStore>();
        var snapshot = await store.LoadEnabledEntriesAsync((entry, _) =>
        {
            _replica.AddEntry(entry.BankId, entry.EntryId, entry.Hash);
            return ValueTask.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        foreach (var bank in snapshot.Banks)
        {
            _replica.UpsertBank(ToContract(bank));
            _banksWithEntries.Add(bank.Id);
        }

        _replica.MarkApplied(snapshot.Sequence);
        LogLoaded(snapshot.Banks.Count, snapshot.EntryCount, snapshot.Sequence);
    }

    private async Task ApplyAsync(BankStore store, BankChangeRecord change, CancellationToken cancellationToken)
    {
        var bank = change.Bank;
        if (bank.Deleted || change.Kind == BankChangeKind.BankDeleted)
        {
            _replica.RemoveBank(bank.Id);
            return;
        }

        _replica.UpsertBank(ToContract(bank));
        switch (change.Kind)
        {
            case BankChangeKind.EntryAdded when change is { EntryId: { } entryId, Hash: { } hash }:
                if (_banksWithEntries.Contains(bank.Id) || bank.Enabled)
                {
                    _banksWithEntries.Add(bank.Id);
                    _replica.AddEntry(bank.Id, entryId, hash);
                }

                break;
            case BankChangeKind.EntryRemoved when change is { EntryId: { } entryId, Hash: { } hash }:
                _replica.RemoveEntry(bank.Id, entryId, hash);
                break;
            case BankChangeKind.BankEnabled or BankChangeKind.BankCreated when !_banksWithEntries.Contains(bank.Id):
                await LoadBankEntriesAsync(store, bank, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task LoadBankEntriesAsync(BankStore store, StoredBank bank, CancellationToken cancellationToken)
    {
        _banksWithEntries.Add(bank.Id);
        long after = 0;
        while (true)
        {
            var page = await store.ListEntriesAsync(bank.TenantId, bank.Id, after, 10_000, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return;
            }

            foreach (var entry in page)
            {
                _replica.AddEntry(bank.Id, entry.Id, entry.Hash);
            }

            after = page[^1].Id;
        }
    }

    private static Contracts.Banks.BankInfo ToContract(StoredBank bank) =>
        new(bank.Id, bank.TenantId, bank.Name, bank.Kind, bank.DistanceThreshold, bank.Enabled && !bank.Deleted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bank replica loaded: {Banks} enabled banks, {Entries} entries, change sequence {Sequence}")]
    private partial void LogLoaded(int banks, long entries, long sequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bank replica: the initial load failed; retrying")]
    private partial void LogLoadFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bank replica: applying changes after sequence {Sequence} failed; retrying at the next poll")]
    private partial void LogPollFailed(Exception exception, long sequence);
}
