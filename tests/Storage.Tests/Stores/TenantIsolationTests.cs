using LiveWatch.Contracts.Banks;
using LiveWatch.Contracts.Risk;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using LiveWatch.Storage.Tests.Infrastructure;

namespace LiveWatch.Storage.Tests.Stores;

/// <summary>Tenant B, and the operator scope (null), never see or touch tenant A's rows through any store method.</summary>
public abstract class TenantIsolationTests : StoreTestBase
{
    private sealed record SeededTenant(long BankId, long EntryId, Guid IncidentId, Guid EvidenceId, Guid KeyId);

    private async Task<SeededTenant> SeedAsync(string tenant)
    {
        await CreateTenantAsync(tenant);
        await using var s = Open();
        await s.Streams.RegisterAsync(tenant, new StreamRegistration("stream-1"));
        var bank = await s.Banks.CreateBankAsync(tenant, "bank");
        var entry = await s.Banks.AddEntryAsync(tenant, bank.Id, new NewBankEntry(HashOf(tenant.Length), "e"));
        var incident = await s.Incidents.OpenAsync(tenant, "stream-1", RiskLevel.Alert);
        await s.Incidents.AddMatchesAsync(tenant, incident.Id, [Match("r", 1, bank.Id, entry.Id)]);
        var evidence = await s.Incidents.AddEvidenceAsync(tenant, new NewEvidence(incident.Id, null, Time.GetUtcNow(), new byte[] { 1 }, new byte[] { 2 }, new byte[12], new byte[16], "k", "image/jpeg"));
        await s.Audit.AppendAsync(tenant, "mod", "incident.viewed", "incident", incident.Id.ToString());
        await s.Outbox.EnqueueAsync(tenant, "incident.opened", new { incident.Id }, $"{tenant}-opened");
        var key = await s.ApiKeys.CreateAsync(tenant, "ingest", ApiKeyRole.Platform);
        return new SeededTenant(bank.Id, entry.Id, incident.Id, evidence.Id, key.Key.Id);
    }

    [Fact]
    public async Task Tenant_B_reads_nothing_of_tenant_A()
    {
        var a = await SeedAsync("tenant-a");
        await CreateTenantAsync("tenant-b");
        await using var s = Open();
        const string b = "tenant-b";

        Assert.Null(await s.Banks.GetBankAsync(b, a.BankId));
        Assert.Empty(await s.Banks.ListBanksAsync(b));
        Assert.Empty(await s.Banks.ListEntriesAsync(b, a.BankId));
        Assert.Equal(0, await s.Banks.CountEntriesAsync(b, a.BankId));
        Assert.Null(await s.Streams.GetAsync(b, "stream-1"));
        Assert.Empty(await s.Streams.ListAsync(b));
        Assert.Null(await s.Incidents.GetAsync(b, a.IncidentId));
        Assert.Empty(await s.Incidents.ListAsync(b));
        Assert.Null(await s.Incidents.FindActiveAsync(b, "stream-1"));
        Assert.Empty(await s.Incidents.ListMatchesAsync(b, a.IncidentId));
        Assert.Null(await s.Incidents.GetEvidenceAsync(b, a.EvidenceId));
        Assert.Empty(await s.Incidents.ListEvidenceAsync(b, a.IncidentId));
        Assert.Empty(await s.Feed.GetEventsAfterAsync(b, 0));
        Assert.Equal(0, await s.Feed.GetLatestSequenceAsync(b));
        Assert.Empty(await s.Audit.QueryAsync(b));
        Assert.Empty(await s.Outbox.ListAsync(b));
        Assert.Empty(await s.ApiKeys.ListAsync(b));

        // The operator scope (global banks, operator keys and audit) is not "everything" either.
        Assert.Null(await s.Banks.GetBankAsync(null, a.BankId));
        Assert.Empty(await s.Banks.ListBanksAsync(null));
        Assert.Empty(await s.Banks.ListEntriesAsync(null, a.BankId));
        Assert.Empty(await s.Audit.QueryAsync(null));
        Assert.Empty(await s.ApiKeys.ListAsync(null));

        // And tenant A still sees its own.
        Assert.Single(await s.Banks.ListBanksAsync("tenant-a"));
        Assert.Single(await s.Incidents.ListMatchesAsync("tenant-a", a.IncidentId));
        Assert.NotEmpty(await s.Feed.GetEventsAfterAsync("tenant-a", 0));
    }

    [Fact]
    public async Task Tenant_B_cannot_change_tenant_A_rows()
    {
        var a = await SeedAsync("tenant-a");
        await CreateTenantAsync("tenant-b");
        const string b = "tenant-b";
        await using (var s = Open())
        {
            await Assert.ThrowsAsync<EntityNotFoundException>(() => s.Banks.EnableAsync(b, a.BankId));
            await Assert.ThrowsAsync<EntityNotFoundException>(() => s.Banks.DisableAsync(b, a.BankId));
            await Assert.ThrowsAsync<EntityNotFoundException>(() => s.Banks.SetThresholdAsync(b, a.BankId, 10));
            await Assert.ThrowsAsync<EntityNotFoundException>(() => s.Banks.SetKindAsync(b, a.BankId, BankKind.Negative));
            await Assert.ThrowsAsync<EntityNotFoundException>(() => s.Banks.DeleteBankAsync(b, a.BankId));
            await Assert.ThrowsAsync<EntityNotFoundException>(() => s.Banks.ImportAsync(b, a.BankId, [new NewBankEntry(HashOf(9))]));
            await Assert.ThrowsAsync<EntityNotFoundException>(() => s.Banks.AddEntryAsync(b, a.BankId, new NewBankEntry(HashOf(9))));
            await Assert.ThrowsAsync<EntityNotFoundException>(() => s.Banks.RemoveEntryAsync(b, a.BankId, a.EntryId));
            await Assert.ThrowsAsync<EntityNotFoundException>(() => s.Banks.DisableAsync(null, a.BankId));
            await Assert.ThrowsAsync<EntityNotFoundException>(() => s.Streams.SetStateAsync(b, "stream-1", StreamState.Stopped));
            Assert.False(await s.Streams.RecordFrameAsync(b, "stream-1", Time.GetUtcNow()));
            await Assert.ThrowsAsync<EntityNotFoundException>(() => s.Incidents.OpenAsync(b, "stream-1", RiskLevel.Alert));
            await Assert.ThrowsAsync<EntityNotFoundException>(() => s.Incidents.AddMatchesAsync(b, a.IncidentId, [Match("r", 2, a.BankId, a.EntryId)]));
            await Assert.ThrowsAsync<EntityNotFoundException>(() => s.Incidents.UpdateStateAsync(b, a.IncidentId, IncidentState.Dismissed, 2));
            await Assert.ThrowsAsync<EntityNotFoundException>(() => s.Incidents.AssignAsync(b, a.IncidentId, "mallory", 2));
            await Assert.ThrowsAsync<EntityNotFoundException>(() => s.Incidents.AddEvidenceAsync(b, new NewEvidence(a.IncidentId, null, Time.GetUtcNow(), new byte[] { 1 }, new byte[] { 2 }, new byte[12], new byte[16], "k", "image/jpeg")));
            await Assert.ThrowsAsync<EntityNotFoundException>(() => s.ApiKeys.RevokeAsync(b, a.KeyId));
            await Assert.ThrowsAsync<EntityNotFoundException>(() => s.ApiKeys.RevokeAsync(null, a.KeyId));
        }

        await using (var s = Open())
        {
            var bank = await s.Banks.GetBankAsync("tenant-a", a.BankId);
            Assert.True(bank!.Enabled);
            Assert.Equal(Bank.DefaultDistanceThreshold, bank.DistanceThreshold);
            Assert.Equal(1, await s.Banks.CountEntriesAsync("tenant-a", a.BankId));
            var incident = await s.Incidents.GetAsync("tenant-a", a.IncidentId);
            Assert.Equal((IncidentState.Open, 2L, 1, (string?)null), (incident!.State, incident.Version, incident.MatchCount, incident.AssignedTo));
            Assert.Equal(StreamState.Registered, (await s.Streams.GetAsync("tenant-a", "stream-1"))!.State);
            Assert.Null((await s.Streams.GetAsync("tenant-a", "stream-1"))!.LastFrameAt);
            Assert.Null(Assert.Single(await s.ApiKeys.ListAsync("tenant-a")).RevokedAt);
        }
    }

    [Fact]
    public async Task Two_tenants_may_use_the_same_stream_and_bank_names()
    {
        await SeedAsync("tenant-a");
        var b = await SeedAsync("tenant-b");
        await using var s = Open();
        Assert.Single(await s.Streams.ListAsync("tenant-b"));
        Assert.Equal(b.BankId, Assert.Single(await s.Banks.ListBanksAsync("tenant-b")).Id);
        Assert.Single(await s.Incidents.ListAsync("tenant-b"));
    }
}
