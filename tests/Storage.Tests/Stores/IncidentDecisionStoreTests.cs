using LiveWatch.Contracts.Incidents;
using LiveWatch.Contracts.Risk;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using LiveWatch.Storage.Tests.Infrastructure;

namespace LiveWatch.Storage.Tests.Stores;

/// <summary>Decisions in one transaction (incident, audit, feed, outbox, negative bank), on both providers.</summary>
public abstract class IncidentDecisionStoreTests : StoreTestBase
{
    private static readonly DecisionActor Alice = new("user:alice", "Alice", "Moderator");
    private static readonly DecisionActor Bob = new("user:bob", "Bob", "Lead");

    [Fact]
    public async Task A_decision_writes_the_incident_its_audit_entry_feed_event_and_webhook_together()
    {
        var incident = await SeedAsync();
        await using var s = Open();
        var feedBefore = await s.Feed.GetLatestSequenceAsync("acme");

        var outcome = await s.Incidents.DecideAsync(incident.Id, new IncidentDecision("acme", Alice, IncidentDecisionKind.Confirm, ExpectedVersion: incident.Version));

        Assert.True(outcome.Changed);
        Assert.Equal((IncidentState.Confirmed, "user:alice", "Alice", incident.Version + 1), (outcome.Incident.State, outcome.Incident.DecidedBy, outcome.Incident.DecidedByName, outcome.Incident.Version));
        var audit = Assert.Single(await s.Audit.QueryAsync("acme", new AuditQuery(Action: "incident.confirmed")));
        Assert.Equal(("user:alice", incident.Id.ToString()), (audit.Actor, audit.SubjectId));
        Assert.Contains("\"role\":\"Moderator\"", audit.Details, StringComparison.Ordinal);
        Assert.Single(await s.Feed.GetEventsAfterAsync("acme", feedBefore));
        var message = Assert.Single(await s.Outbox.ListAsync("acme"), m => m.EventType == "incident.decided");
        Assert.Equal($"incident.decided:{incident.Id:N}:v{incident.Version + 1}", message.EventId);
    }

    [Fact]
    public async Task A_stale_version_or_a_decided_state_is_refused_with_who_decided()
    {
        var incident = await SeedAsync();
        await using var s = Open();
        await s.Incidents.DecideAsync(incident.Id, new IncidentDecision("acme", Alice, IncidentDecisionKind.Dismiss, incident.Version, Reason: "benign"));

        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            s.Incidents.DecideAsync(incident.Id, new IncidentDecision("acme", Bob, IncidentDecisionKind.Confirm, ExpectedVersion: incident.Version)));
        Assert.Contains("it was dismissed by Alice (user:alice)", stale.Message, StringComparison.Ordinal);
        var state = await Assert.ThrowsAsync<EntityConflictException>(() =>
            s.Incidents.DecideAsync(incident.Id, new IncidentDecision("acme", Bob, IncidentDecisionKind.Confirm)));
        Assert.Contains("cannot be confirmed", state.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<EntityNotFoundException>(() =>
            s.Incidents.DecideAsync(incident.Id, new IncidentDecision("other", Bob, IncidentDecisionKind.Confirm)));
        Assert.Equal(IncidentState.Dismissed, (await s.Incidents.GetAsync("acme", incident.Id))!.State);
    }

    [Fact]
    public async Task A_dismissal_can_add_the_matched_hashes_to_the_tenant_negative_bank_once()
    {
        var incident = await SeedAsync();
        await using var s = Open();

        var outcome = await s.Incidents.DecideAsync(incident.Id,
            new IncidentDecision("acme", Alice, IncidentDecisionKind.Dismiss, Reason: "test card", AddToNegativeBank: true));

        Assert.Equal(2, outcome.HashesAdded);
        var bank = (await s.Banks.GetBankAsync("acme", outcome.NegativeBankId!.Value))!;
        Assert.Equal((Contracts.Banks.BankKind.Negative, true), (bank.Kind, bank.Enabled));
        var held = (await s.Banks.ListEntriesAsync("acme", bank.Id)).Select(e => e.Hash).ToHashSet();
        Assert.Equal(2, held.Count);
        Assert.Contains(HashOf(1), held);
        Assert.Contains(HashOf(2), held);

        // Dismissed already: asking again adds nothing (and changes nothing).
        var again = await s.Incidents.DecideAsync(incident.Id,
            new IncidentDecision("acme", Alice, IncidentDecisionKind.Dismiss, Reason: "test card", AddToNegativeBank: true));
        Assert.False(again.Changed);
        Assert.Equal(2, await s.Banks.CountEntriesAsync("acme", bank.Id));
    }

    protected async Task<Incident> SeedAsync()
    {
        await CreateTenantAsync("acme");
        await CreateTenantAsync("other");
        await using var s = Open();
        await s.Streams.RegisterAsync("acme", new StreamRegistration("live-1"));
        await s.WebhookEndpoints.CreateAsync("acme", new Uri("https://a.example/hook"), null);
        var bank = await s.Banks.CreateBankAsync("acme", "bank");
        await s.Banks.ImportAsync("acme", bank.Id, [new NewBankEntry(HashOf(1), "e1"), new NewBankEntry(HashOf(2), "e2")]);
        var entries = (await s.Banks.ListEntriesAsync("acme", bank.Id)).Select(e => e.Id).ToArray();
        var incident = await s.Incidents.OpenAsync("acme", "live-1", RiskLevel.Alert);
        var matches = new[]
        {
            new NewIncidentMatch("r", 1, Time.GetUtcNow(), bank.Id, entries[0], 3, 0, 90, HashOf(1)),
            new NewIncidentMatch("r", 2, Time.GetUtcNow(), bank.Id, entries[1], 4, 0, 90, HashOf(2)),
            new NewIncidentMatch("r", 3, Time.GetUtcNow(), bank.Id, entries[0], 5, 0, 90, HashOf(1)),
        };
        return (await s.Incidents.AddMatchesAsync("acme", incident.Id, matches)).Incident;
    }
}
