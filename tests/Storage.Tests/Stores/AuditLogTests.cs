using LiveWatch.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage.Tests.Stores;

public abstract class AuditLogTests : StoreTestBase
{
    [Fact]
    public async Task Entries_are_queried_by_tenant_time_actor_and_action_in_sequence_order()
    {
        await CreateTenantAsync("acme");
        await using var s = Open();
        var t0 = Time.GetUtcNow();
        await s.Audit.AppendAsync("acme", "alice", "bank.created", "bank", "1", new { name = "ncmec" });
        Time.Advance(TimeSpan.FromMinutes(1));
        await s.Audit.AppendAsync("acme", "bob", "incident.confirmed", "incident", "x");
        Time.Advance(TimeSpan.FromMinutes(1));
        var third = await s.Audit.AppendAsync("acme", "alice", "incident.confirmed", "incident", "y");
        await s.Audit.AppendAsync(null, "operator", "tenant.created", "tenant", "acme");

        Assert.Equal(3, (await s.Audit.QueryAsync("acme")).Count);
        Assert.Equal(["bank.created", "incident.confirmed"], (await s.Audit.QueryAsync("acme", new(Actor: "alice"))).Select(a => a.Action));
        Assert.Equal(["bob", "alice"], (await s.Audit.QueryAsync("acme", new(From: t0.AddSeconds(30)))).Select(a => a.Actor));
        Assert.Equal(["alice"], (await s.Audit.QueryAsync("acme", new(To: t0.AddSeconds(30)))).Select(a => a.Actor));
        Assert.Equal(2, (await s.Audit.QueryAsync("acme", new(Action: "incident.confirmed"))).Count);
        Assert.Equal([third.Sequence], (await s.Audit.QueryAsync("acme", new(AfterSequence: third.Sequence - 1))).Select(a => a.Sequence));
        Assert.Equal(2, (await s.Audit.QueryAsync("acme", new(Max: 2))).Count);
        Assert.Equal("operator", Assert.Single(await s.Audit.QueryAsync(null)).Actor);

        var first = (await s.Audit.QueryAsync("acme"))[0];
        Assert.Equal("{\"name\":\"ncmec\"}", first.Details);
        Assert.Equal(t0, first.At);
    }

    [Fact]
    public async Task Saving_a_modified_audit_entry_is_refused()
    {
        await using (var s = Open())
        {
            await s.Audit.AppendAsync(null, "alice", "key.created", "key", "k1");
        }

        await using (var s = Open())
        {
            var entry = await s.Db.AuditEntries.SingleAsync();
            entry.Actor = "mallory";
            var error = await Assert.ThrowsAsync<AppendOnlyViolationException>(() => s.Db.SaveChangesAsync());
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
            Assert.Contains("modified", error.Message, StringComparison.Ordinal);
            Assert.Throws<AppendOnlyViolationException>(() => s.Db.SaveChanges());
        }

        await using (var s = Open())
        {
            Assert.Equal("alice", (await s.Db.AuditEntries.SingleAsync()).Actor);
        }
    }

    [Fact]
    public async Task Saving_a_deleted_audit_entry_is_refused()
    {
        await using (var s = Open())
        {
            await s.Audit.AppendAsync(null, "alice", "key.created", "key", "k1");
        }

        await using (var s = Open())
        {
            s.Db.AuditEntries.Remove(await s.Db.AuditEntries.SingleAsync());
            var error = await Assert.ThrowsAsync<AppendOnlyViolationException>(() => s.Db.SaveChangesAsync());
            Assert.Contains("deleted", error.Message, StringComparison.Ordinal);
        }

        await using (var s = Open())
        {
            Assert.Equal(1, await s.Db.AuditEntries.CountAsync());
        }
    }

    [Fact]
    public async Task The_database_refuses_updates_and_deletes_that_bypass_the_context()
    {
        await using var s = Open();
        await s.Audit.AppendAsync(null, "alice", "key.created", "key", "k1");

        var update = await Assert.ThrowsAnyAsync<Exception>(() => s.Db.AuditEntries.ExecuteUpdateAsync(set => set.SetProperty(a => a.Actor, "mallory")));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => s.Db.AuditEntries.ExecuteDeleteAsync());
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);

        var entry = await s.Db.AuditEntries.AsNoTracking().SingleAsync();
        Assert.Equal("alice", entry.Actor);
    }

    [Fact]
    public async Task Audit_sequences_strictly_increase()
    {
        await using var s = Open();
        var sequences = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            sequences.Add((await s.Audit.AppendAsync(null, "a", "x", "t", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).Sequence);
        }

        Assert.True(sequences.Zip(sequences.Skip(1)).All(p => p.First < p.Second));
    }
}
