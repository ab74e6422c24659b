using LiveWatch.Contracts.Banks;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using LiveWatch.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage.Tests.Stores;

public abstract class BankStoreTests : StoreTestBase
{
    [Fact]
    public async Task CreateBank_records_BankCreated_and_keeps_names_unique_per_owner()
    {
        await CreateTenantAsync("acme");
        await CreateTenantAsync("other");
        await using var s = Open();

        var bank = await s.Banks.CreateBankAsync("acme", "ncmec");
        Assert.Equal(Bank.DefaultDistanceThreshold, bank.DistanceThreshold);
        Assert.True(bank.Enabled);

        // Same name: refused for the same owner, fine for another tenant and for the global banks.
        await Assert.ThrowsAsync<EntityConflictException>(() => s.Banks.CreateBankAsync("acme", "ncmec"));
        await s.Banks.CreateBankAsync("other", "ncmec");
        await s.Banks.CreateBankAsync(null, "ncmec");
        await Assert.ThrowsAsync<EntityConflictException>(() => s.Banks.CreateBankAsync(null, "ncmec"));

        var changes = await s.Banks.GetChangesAfterAsync(0, 100);
        Assert.Equal(3, changes.Count);
        Assert.All(changes, c => Assert.Equal(BankChangeKind.BankCreated, c.Kind));
        Assert.Equal("acme", changes[0].Bank.TenantId);
        Assert.Null(changes[2].Bank.TenantId);
    }

    [Fact]
    public async Task Global_banks_share_no_name_even_though_nulls_are_distinct_in_unique_indexes()
    {
        // The database itself must refuse, not only the store's check.
        await using var s = Open();
        s.Db.Banks.Add(new Bank { Name = "dup", CreatedAt = Time.GetUtcNow(), Enabled = true });
        s.Db.Banks.Add(new Bank { Name = "dup", CreatedAt = Time.GetUtcNow(), Enabled = true });
        await Assert.ThrowsAsync<DbUpdateException>(() => s.Db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_deleted_bank_frees_its_name_and_disappears()
    {
        await CreateTenantAsync("acme");
        await using var s = Open();
        var bank = await s.Banks.CreateBankAsync("acme", "mine");
        await s.Banks.DeleteBankAsync("acme", bank.Id);

        Assert.Null(await s.Banks.GetBankAsync("acme", bank.Id));
        Assert.Empty(await s.Banks.ListBanksAsync("acme"));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => s.Banks.EnableAsync("acme", bank.Id));
        var again = await s.Banks.CreateBankAsync("acme", "mine");
        Assert.NotEqual(bank.Id, again.Id);
    }

    [Fact]
    public async Task Threshold_outside_0_to_63_is_refused_by_the_store_and_the_database()
    {
        await using var s = Open();
        var bank = await s.Banks.CreateBankAsync(null, "b");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => s.Banks.SetThresholdAsync(null, bank.Id, 64));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => s.Banks.CreateBankAsync(null, "c", distanceThreshold: -1));

        var tracked = await s.Db.Banks.SingleAsync(b => b.Id == bank.Id);
        tracked.DistanceThreshold = 100;
        await Assert.ThrowsAsync<DbUpdateException>(() => s.Db.SaveChangesAsync());
    }

    [Fact]
    public async Task Import_stores_every_entry_with_one_EntryAdded_change_each()
    {
        await using var s = Open();
        var bank = await s.Banks.CreateBankAsync(null, "iwf");
        var before = await s.Banks.GetCurrentSequenceAsync();
        var entries = Enumerable.Range(1, 2500).Select(i => new NewBankEntry(HashOf(i), $"ext-{i}", i % 2 == 0 ? "even" : null)).ToList();

        var result = await s.Banks.ImportAsync(null, bank.Id, entries);

        Assert.Equal(2500, result.Count);
        Assert.Equal(2500, await s.Banks.CountEntriesAsync(null, bank.Id));
        var changes = await s.Banks.GetChangesAfterAsync(before, 10_000);
        Assert.Equal(2500, changes.Count);
        Assert.All(changes, c => Assert.Equal(BankChangeKind.EntryAdded, c.Kind));
        Assert.Equal(result.LastSequence, changes[^1].Sequence);
        Assert.True(changes.Zip(changes.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence), "sequences strictly increase");
        Assert.Equal(entries.Select(e => e.Hash), changes.Select(c => c.Hash!.Value));
        Assert.Equal("ext-2500", changes[^1].ExternalId);
    }

    [Fact]
    public async Task Import_with_an_invalid_entry_stores_nothing()
    {
        await using var s = Open();
        var bank = await s.Banks.CreateBankAsync(null, "b");
        var entries = Enumerable.Range(1, 10).Select(i => new NewBankEntry(HashOf(i), $"ext-{i}")).ToList();
        entries[7] = new NewBankEntry(HashOf(8), new string('x', BankEntry.MaxExternalIdLength + 1));
        var sequence = await s.Banks.GetCurrentSequenceAsync();

        var error = await Assert.ThrowsAsync<BankImportException>(() => s.Banks.ImportAsync(null, bank.Id, entries));

        Assert.Equal(7, error.EntryIndex);
        Assert.Contains("Entry 8", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await s.Banks.CountEntriesAsync(null, bank.Id));
        Assert.Equal(sequence, await s.Banks.GetCurrentSequenceAsync());
    }

    [Fact]
    public async Task Import_that_the_database_refuses_part_way_rolls_back_every_batch()
    {
        long bankId;
        long[] idsBefore;
        long sequenceBefore;
        await using (var s = Open())
        {
            var bank = await s.Banks.CreateBankAsync(null, "b");
            bankId = bank.Id;
            await s.Banks.ImportAsync(null, bankId, [new NewBankEntry(HashOf(1), "taken"), new NewBankEntry(HashOf(2), "other")]);
            idsBefore = (await s.Banks.ListEntriesAsync(null, bankId)).Select(e => e.Id).ToArray();
            sequenceBefore = await s.Banks.GetCurrentSequenceAsync();
        }

        // Three batches; the last entry collides with a stored one, so the first two batches are already written
        // (inside the transaction) when the database refuses.
        var entries = Enumerable.Range(10, 2500).Select(i => new NewBankEntry(HashOf(i), $"new-{i}")).ToList();
        entries[^1] = new NewBankEntry(HashOf(3), "taken");
        await using (var s = Open())
        {
            var error = await Assert.ThrowsAsync<BankImportException>(() => s.Banks.ImportAsync(null, bankId, entries));
            Assert.Equal(entries.Count - 1, error.EntryIndex);
            Assert.Contains("'taken'", error.Message, StringComparison.Ordinal);
        }

        await using (var s = Open())
        {
            Assert.Equal(idsBefore, (await s.Banks.ListEntriesAsync(null, bankId)).Select(e => e.Id).ToArray());
            Assert.Equal(sequenceBefore, await s.Banks.GetCurrentSequenceAsync());
            Assert.Empty(await s.Banks.GetChangesAfterAsync(sequenceBefore, 100));
            Assert.Equal(2, await s.Db.BankEntries.CountAsync());
        }
    }

    [Fact]
    public async Task Every_mutation_advances_the_change_sequence_and_reads_back_in_order()
    {
        await using var s = Open();
        var bank = await s.Banks.CreateBankAsync(null, "b");
        var start = await s.Banks.GetCurrentSequenceAsync();

        var added = await s.Banks.AddEntryAsync(null, bank.Id, new NewBankEntry(HashOf(42), "e42", "label"));
        await s.Banks.RemoveEntryAsync(null, bank.Id, added.Id);
        await s.Banks.DisableAsync(null, bank.Id);
        await s.Banks.EnableAsync(null, bank.Id);
        await s.Banks.SetThresholdAsync(null, bank.Id, 20);
        await s.Banks.SetKindAsync(null, bank.Id, BankKind.Negative);
        await s.Banks.DeleteBankAsync(null, bank.Id);

        var changes = await s.Banks.GetChangesAfterAsync(start, 100);
        Assert.Equal(
            [BankChangeKind.EntryAdded, BankChangeKind.EntryRemoved, BankChangeKind.BankDisabled, BankChangeKind.BankEnabled,
             BankChangeKind.ThresholdChanged, BankChangeKind.KindChanged, BankChangeKind.BankDeleted],
            changes.Select(c => c.Kind));
        Assert.True(changes.Zip(changes.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
        Assert.True(changes[0].Sequence > start);
        Assert.Equal(HashOf(42), changes[0].Hash);
        Assert.Equal(added.Id, changes[1].EntryId);
        Assert.Equal(HashOf(42), changes[1].Hash);

        // The bank settings are the current ones.
        Assert.All(changes, c => Assert.Equal(20, c.Bank.DistanceThreshold));
        Assert.All(changes, c => Assert.True(c.Bank.Deleted));

        // Reading after any change returns exactly the later ones.
        var tail = await s.Banks.GetChangesAfterAsync(changes[3].Sequence, 100);
        Assert.Equal(changes.Skip(4).Select(c => c.Sequence), tail.Select(c => c.Sequence));
        Assert.Equal(changes.Take(2).Select(c => c.Sequence), (await s.Banks.GetChangesAfterAsync(start, 2)).Select(c => c.Sequence));
        Assert.Equal(changes[^1].Sequence, await s.Banks.GetCurrentSequenceAsync());
    }

    [Fact]
    public async Task Mutations_that_change_nothing_write_no_change()
    {
        await using var s = Open();
        var bank = await s.Banks.CreateBankAsync(null, "b", distanceThreshold: 25);
        var sequence = await s.Banks.GetCurrentSequenceAsync();
        await s.Banks.EnableAsync(null, bank.Id);
        await s.Banks.SetThresholdAsync(null, bank.Id, 25);
        await s.Banks.SetKindAsync(null, bank.Id, BankKind.Normal);
        var entry = await s.Banks.AddEntryAsync(null, bank.Id, new NewBankEntry(HashOf(1)));
        Assert.True(await s.Banks.RemoveEntryAsync(null, bank.Id, entry.Id));
        Assert.False(await s.Banks.RemoveEntryAsync(null, bank.Id, entry.Id));
        Assert.Equal(2, (await s.Banks.GetChangesAfterAsync(sequence, 100)).Count);
    }

    [Fact]
    public async Task AddEntry_with_an_external_id_already_active_is_a_conflict_but_a_removed_one_is_reusable()
    {
        await using var s = Open();
        var bank = await s.Banks.CreateBankAsync(null, "b");
        var first = await s.Banks.AddEntryAsync(null, bank.Id, new NewBankEntry(HashOf(1), "x"));
        await Assert.ThrowsAsync<EntityConflictException>(() => s.Banks.AddEntryAsync(null, bank.Id, new NewBankEntry(HashOf(2), "x")));
        await s.Banks.RemoveEntryAsync(null, bank.Id, first.Id);
        var second = await s.Banks.AddEntryAsync(null, bank.Id, new NewBankEntry(HashOf(2), "x"));
        Assert.Equal(HashOf(2), second.Hash);
    }

    [Fact]
    public async Task Hashes_are_stored_as_the_32_byte_big_endian_form()
    {
        await using var s = Open();
        var bank = await s.Banks.CreateBankAsync(null, "b");
        var hash = LiveWatch.Hashing.Hash256.Parse("f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22");
        var entry = await s.Banks.AddEntryAsync(null, bank.Id, new NewBankEntry(hash));

        var connection = s.Db.Database.GetDbConnection();
        await s.Db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"Hash\" FROM \"BankEntries\" WHERE \"Id\" = {entry.Id}";
        var raw = (byte[])(await command.ExecuteScalarAsync())!;
        Assert.Equal(hash.ToBytes(), raw);
        Assert.Equal(0xf8, raw[0]);
    }

    [Fact]
    public async Task LoadEnabledEntries_streams_the_active_entries_of_enabled_banks_with_the_current_sequence()
    {
        await CreateTenantAsync("acme");
        long enabledId;
        long disabledId;
        long removedEntryId;
        await using (var s = Open())
        {
            var enabled = await s.Banks.CreateBankAsync(null, "global");
            var tenantBank = await s.Banks.CreateBankAsync("acme", "own", BankKind.Negative, 12);
            var disabled = await s.Banks.CreateBankAsync(null, "off");
            var deleted = await s.Banks.CreateBankAsync(null, "gone");
            enabledId = enabled.Id;
            disabledId = disabled.Id;
            await s.Banks.ImportAsync(null, enabled.Id, Enumerable.Range(1, 5).Select(i => new NewBankEntry(HashOf(i))));
            await s.Banks.ImportAsync("acme", tenantBank.Id, [new NewBankEntry(HashOf(100), "t")]);
            await s.Banks.ImportAsync(null, disabled.Id, [new NewBankEntry(HashOf(200))]);
            await s.Banks.ImportAsync(null, deleted.Id, [new NewBankEntry(HashOf(300))]);
            await s.Banks.DisableAsync(null, disabled.Id);
            await s.Banks.DeleteBankAsync(null, deleted.Id);
            removedEntryId = (await s.Banks.ListEntriesAsync(null, enabled.Id))[0].Id;
            await s.Banks.RemoveEntryAsync(null, enabled.Id, removedEntryId);
        }

        await using (var s = Open())
        {
            var seen = new List<BankSnapshotEntry>();
            var snapshot = await s.Banks.LoadEnabledEntriesAsync((e, _) =>
            {
                seen.Add(e);
                return ValueTask.CompletedTask;
            });

            Assert.Equal(await s.Banks.GetCurrentSequenceAsync(), snapshot.Sequence);
            Assert.Empty(await s.Banks.GetChangesAfterAsync(snapshot.Sequence, 10));
            Assert.Equal(5, snapshot.EntryCount);
            Assert.Equal(5, seen.Count);
            Assert.DoesNotContain(seen, e => e.EntryId == removedEntryId);
            Assert.DoesNotContain(seen, e => e.BankId == disabledId);
            Assert.Equal(new[] { HashOf(2), HashOf(3), HashOf(4), HashOf(5), HashOf(100) }, seen.Select(e => e.Hash));
            Assert.Equal(2, snapshot.Banks.Count);
            var own = Assert.Single(snapshot.Banks, b => b.TenantId == "acme");
            Assert.Equal((BankKind.Negative, 12), (own.Kind, own.DistanceThreshold));
            Assert.Contains(snapshot.Banks, b => b.Id == enabledId && b.TenantId is null);

            // The context is usable again after the snapshot.
            Assert.Equal(2, (await s.Banks.ListBanksAsync(null)).Count);
        }
    }

    [Fact]
    public async Task Changes_written_in_a_rolled_back_transaction_never_appear()
    {
        await using var s = Open();
        var bank = await s.Banks.CreateBankAsync(null, "b");
        var sequence = await s.Banks.GetCurrentSequenceAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => s.Db.ExecuteInTransactionAsync(async ct =>
        {
            await s.Banks.AddEntryAsync(null, bank.Id, new NewBankEntry(HashOf(1)), ct);
            await s.Banks.DisableAsync(null, bank.Id, ct);
            throw new InvalidOperationException("boom");
        }));

        Assert.Equal(sequence, await s.Banks.GetCurrentSequenceAsync());
        Assert.True((await s.Banks.GetBankAsync(null, bank.Id))!.Enabled);
        Assert.Equal(0, await s.Banks.CountEntriesAsync(null, bank.Id));
    }

    [Fact]
    public async Task LoadEnabledEntries_reads_one_snapshot_while_writers_go_on()
    {
        long bankId;
        await using (var s = Open())
        {
            bankId = (await s.Banks.CreateBankAsync(null, "b")).Id;
            await s.Banks.ImportAsync(null, bankId, Enumerable.Range(1, 50).Select(i => new NewBankEntry(HashOf(i))));
        }

        await using var reader = Open();
        var streamed = 0;
        var wroteDuringLoad = false;
        var snapshot = await reader.Banks.LoadEnabledEntriesAsync(async (_, ct) =>
        {
            streamed++;
            if (!wroteDuringLoad)
            {
                // Another unit of work commits while the load is half-way.
                wroteDuringLoad = true;
                await using var writer = Open();
                await writer.Banks.AddEntryAsync(null, bankId, new NewBankEntry(HashOf(1000)), ct);
            }
        });

        Assert.Equal(50, streamed);
        Assert.Equal(50, snapshot.EntryCount);
        var after = await reader.Banks.GetChangesAfterAsync(snapshot.Sequence, 10);
        var added = Assert.Single(after);
        Assert.Equal((BankChangeKind.EntryAdded, HashOf(1000)), (added.Kind, added.Hash!.Value));
    }

    [Fact]
    public async Task Concurrent_writers_all_commit_and_every_change_gets_its_own_sequence()
    {
        long bankId;
        long start;
        await using (var s = Open())
        {
            bankId = (await s.Banks.CreateBankAsync(null, "b")).Id;
            start = await s.Banks.GetCurrentSequenceAsync();
        }

        // Separate units of work at once: on SQLite they queue for the write lock, on PostgreSQL for the sequence lock.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(async writer =>
        {
            await using var s = Open();
            for (var round = 0; round < 5; round++)
            {
                await s.Banks.ImportAsync(null, bankId, Enumerable.Range(0, 10).Select(i => new NewBankEntry(HashOf((writer * 1000) + (round * 10) + i))));
                await s.Audit.AppendAsync(null, $"writer-{writer}", "bank.imported", "bank", bankId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }));

        await using (var s = Open())
        {
            var changes = await s.Banks.GetChangesAfterAsync(start, 1000);
            Assert.Equal(300, changes.Count);
            Assert.Equal(300, changes.Select(c => c.Sequence).Distinct().Count());
            Assert.Equal(300, changes.Select(c => c.EntryId).Distinct().Count());
            Assert.Equal(300, await s.Banks.CountEntriesAsync(null, bankId));
            Assert.Equal(30, (await s.Audit.QueryAsync(null)).Count);
        }
    }
}
