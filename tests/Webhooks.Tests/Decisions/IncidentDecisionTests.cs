using System.Net;
using LiveWatch.Silo.Api.Models;
using LiveWatch.Storage.Stores;
using LiveWatch.Webhooks.Tests.Infrastructure;

namespace LiveWatch.Webhooks.Tests.Decisions;

/// <summary>
/// Moderators' decisions over HTTP: each writes its audit entry and announces itself by webhook; two at once, one
/// wins; other tenants see nothing; the wrong kind of key is refused; a dismissal can keep the frame from matching again.
/// </summary>
[Collection(SharedNode.Name)]
public sealed class IncidentDecisionTests(WebhooksNode node) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Assign_escalate_confirm_and_a_stream_action_each_change_the_incident_write_an_audit_entry_and_send_a_webhook()
    {
        var tenant = ApiSteps.NewTenantId("decide");
        using var admin = node.Admin();
        using var platform = await node.NewTenantAsync(tenant);
        await platform.CreateWebhookAsync(_receiver.Endpoint("decisions"));
        var (incidentId, _) = await platform.OpenIncidentAsync(admin, tenant, "cam-1", seed: 11);
        var opened = await platform.IncidentAsync(incidentId);

        var assigned = await (await platform.DecideAsync(incidentId, "assign", new IncidentDecisionRequest(ExpectedVersion: opened.Incident.Version, Assignee: "user:alice"))).ReadAsync<IncidentDecisionResponse>();
        Assert.Equal("user:alice", assigned.Incident.AssignedTo);
        Assert.Equal(opened.Incident.Version + 1, assigned.Incident.Version);
        var escalated = await (await platform.DecideAsync(incidentId, "escalate", new IncidentDecisionRequest(Reason: "needs a lead"))).ReadAsync<IncidentDecisionResponse>();
        Assert.Equal("Escalated", escalated.Incident.State);
        var confirmed = await (await platform.DecideAsync(incidentId, "confirm", new IncidentDecisionRequest(ExpectedVersion: escalated.Incident.Version))).ReadAsync<IncidentDecisionResponse>();
        Assert.Equal("Confirmed", confirmed.Incident.State);
        Assert.StartsWith("apikey:", confirmed.Incident.DecidedBy, StringComparison.Ordinal);
        Assert.NotNull(confirmed.Incident.DecidedAt);
        var action = await (await platform.DecideAsync(incidentId, "stream-action", new IncidentDecisionRequest(Action: "terminate", Reason: "confirmed match"))).ReadAsync<IncidentDecisionResponse>();
        Assert.Equal("Terminate", action.Incident.StreamAction);
        Assert.Equal("Confirmed", action.Incident.State);
        Assert.Equal("Confirmed", (await platform.IncidentAsync(incidentId)).Incident.State);

        // One audit entry per decision, by the key that made it, with its role.
        var audit = await node.WithServiceAsync<AuditLog, IReadOnlyList<LiveWatch.Storage.Entities.AuditEntry>>(log => log.QueryAsync(tenant, new AuditQuery(Max: 1000)));
        var decisions = audit.Where(a => a.SubjectId == incidentId.ToString() && a.Action != "incident.opened" && a.Action != "incident.level_changed" && a.Action != "incident.evidence_attached").ToList();
        Assert.Equal(["incident.assigned", "incident.escalated", "incident.confirmed", "stream.action_requested"], decisions.Select(a => a.Action));
        Assert.All(decisions, a => Assert.Equal(confirmed.Incident.DecidedBy, a.Actor));
        Assert.All(decisions, a => Assert.Contains("\"role\":\"Platform\"", a.Details, StringComparison.Ordinal));
        Assert.Contains("needs a lead", decisions[1].Details, StringComparison.Ordinal);

        // The platform hears each: incident.opened, incident.decided x3, stream.action (Terminate), in that order.
        var calls = await Poll.UntilAsync(
            () => Task.FromResult(_receiver.CallsTo("decisions").Where(c => c.Status == 200 && c.EventType != "stream.state").ToList() is { Count: 5 } five ? five : null),
            "the incident's five webhooks");
        Assert.Equal(["incident.opened", "incident.decided", "incident.decided", "incident.decided", "stream.action"], calls.Select(c => c.EventType));
        Assert.Equal(["assign", "escalate", "confirm"], calls.Skip(1).Take(3).Select(c => (string?)c.Json["data"]!["decision"]));
        var streamAction = calls[4].Json["data"]!;
        Assert.Equal("Terminate", (string?)streamAction["action"]);
        Assert.Equal(incidentId.ToString(), (string?)streamAction["incidentId"]);
        Assert.Equal("cam-1", (string?)streamAction["streamId"]);
        Assert.Equal("Platform", (string?)streamAction["requestedBy"]!["role"]);
        Assert.Equal(incidentId.ToString(), (string?)calls[0].Json["data"]!["incident"]!["incidentId"]);
    }

    [Fact]
    public async Task A_repeated_decision_changes_nothing_and_announces_nothing_twice()
    {
        var tenant = ApiSteps.NewTenantId("repeat");
        using var admin = node.Admin();
        using var platform = await node.NewTenantAsync(tenant);
        await platform.CreateWebhookAsync(_receiver.Endpoint("repeat"));
        var (incidentId, _) = await platform.OpenIncidentAsync(admin, tenant, "cam-1", seed: 12);

        var first = await (await platform.DecideAsync(incidentId, "confirm")).ReadAsync<IncidentDecisionResponse>();
        var again = await (await platform.DecideAsync(incidentId, "confirm")).ReadAsync<IncidentDecisionResponse>();

        Assert.True(first.Changed);
        Assert.False(again.Changed);
        Assert.Equal(first.Incident.Version, again.Incident.Version);
        Assert.Single(await platform.WebhookMessagesAsync(), m => m.EventType == "incident.decided");
        var audit = await node.WithServiceAsync<AuditLog, IReadOnlyList<LiveWatch.Storage.Entities.AuditEntry>>(log => log.QueryAsync(tenant, new AuditQuery(Action: "incident.confirmed")));
        Assert.Single(audit);
    }

    [Fact]
    public async Task Two_moderators_deciding_at_once_one_wins_and_the_other_gets_409_saying_what_happened()
    {
        var tenant = ApiSteps.NewTenantId("race");
        using var admin = node.Admin();
        using var alice = await node.NewTenantAsync(tenant);
        using var bob = await node.NewKeyAsync(tenant, "bob");
        var (incidentId, _) = await alice.OpenIncidentAsync(admin, tenant, "cam-1", seed: 13);
        var version = (await alice.IncidentAsync(incidentId)).Incident.Version;

        var answers = await Task.WhenAll(
            alice.DecideAsync(incidentId, "confirm", new IncidentDecisionRequest(ExpectedVersion: version)),
            bob.DecideAsync(incidentId, "dismiss", new IncidentDecisionRequest(ExpectedVersion: version, Reason: "looks benign")));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
        var winner = await answers.Single(a => a.StatusCode == HttpStatusCode.OK).ReadAsync<IncidentDecisionResponse>();
        var detail = await loser.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains($"changed since version {version}", detail, StringComparison.Ordinal);
        Assert.Contains($"it was {winner.Incident.State.ToLowerInvariant()} by", detail, StringComparison.Ordinal);
        Assert.Contains(winner.Incident.DecidedBy!, detail, StringComparison.Ordinal);
        Assert.Equal(winner.Incident.State, (await alice.IncidentAsync(incidentId)).Incident.State);

        // Without a version, the state still decides: a confirmed incident cannot be dismissed by someone else.
        var state = winner.Incident.State;
        var other = state == "Confirmed" ? bob : alice;
        var refused = await (await other.DecideAsync(incidentId, state == "Confirmed" ? "dismiss" : "confirm", new IncidentDecisionRequest(Reason: "late"))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains($"it was {state.ToLowerInvariant()} by", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenant_gets_404_and_the_wrong_kind_of_key_gets_403()
    {
        var tenant = ApiSteps.NewTenantId("own");
        using var admin = node.Admin();
        using var owner = await node.NewTenantAsync(tenant);
        using var stranger = await node.NewTenantAsync(ApiSteps.NewTenantId("stranger"));
        var (incidentId, _) = await owner.OpenIncidentAsync(admin, tenant, "cam-1", seed: 14);

        foreach (var decision in new[] { "assign", "confirm", "dismiss", "escalate", "stream-action" })
        {
            await (await stranger.DecideAsync(incidentId, decision, new IncidentDecisionRequest(Reason: "x", Action: "Blur"))).ProblemAsync(HttpStatusCode.NotFound);
        }

        await (await stranger.GetAsync(new Uri($"/api/v1/incidents/{incidentId}/report", UriKind.Relative))).ProblemAsync(HttpStatusCode.NotFound);

        // An operator key is not a platform key, and a platform key is not an operator key.
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.DecideAsync(incidentId, "confirm")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.DecideAsync(incidentId, "confirm", tenantId: tenant)).StatusCode);
        Assert.Equal("Open", (await owner.IncidentAsync(incidentId)).Incident.State);

        // The operator decides under the tenant's admin route (and is still confined to that tenant).
        var escalated = await (await admin.DecideAsync(incidentId, "escalate", tenantId: tenant)).ReadAsync<IncidentDecisionResponse>();
        Assert.Equal("Escalated", escalated.Incident.State);
        await (await admin.DecideAsync(incidentId, "confirm", tenantId: "no-such-tenant")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_decisions_are_refused_with_the_field_named()
    {
        var tenant = ApiSteps.NewTenantId("bad");
        using var admin = node.Admin();
        using var platform = await node.NewTenantAsync(tenant);
        var (incidentId, _) = await platform.OpenIncidentAsync(admin, tenant, "cam-1", seed: 15);

        Assert.Contains("reason", await (await platform.DecideAsync(incidentId, "dismiss")).ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("action", await (await platform.DecideAsync(incidentId, "stream-action", new IncidentDecisionRequest(Action: "explode"))).ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("addToNegativeBank", await (await platform.DecideAsync(incidentId, "confirm", new IncidentDecisionRequest(AddToNegativeBank: true))).ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal("Open", (await platform.IncidentAsync(incidentId)).Incident.State);
    }

    [Fact]
    public async Task Dismissing_with_add_to_negative_bank_stops_the_same_frame_from_matching_or_opening_an_incident()
    {
        var tenant = ApiSteps.NewTenantId("fp");
        using var admin = node.Admin();
        using var platform = await node.NewTenantAsync(tenant);
        var (incidentId, luma) = await platform.OpenIncidentAsync(admin, tenant, "cam-1", seed: 16);

        var dismissed = await (await platform.DecideAsync(incidentId, "dismiss", new IncidentDecisionRequest(Reason: "a test card, not abuse", AddToNegativeBank: true)))
            .ReadAsync<IncidentDecisionResponse>();
        Assert.Equal("Dismissed", dismissed.Incident.State);
        Assert.Equal(1, dismissed.HashesAddedToNegativeBank);
        var bank = await (await admin.GetAsync(new Uri($"/api/v1/admin/tenants/{tenant}/banks/{dismissed.NegativeBankId}", UriKind.Relative))).ReadAsync<BankResponse>();
        Assert.Equal("Negative", bank.Kind);
        Assert.Equal(1, bank.EntryCount);

        // Once the replica has the negative entry, the same frame matches nothing: on the same stream, and on a new one,
        // where no incident opens at all.
        // A repeat on the same stream can answer "no match" as a near-duplicate of the frame before, whatever the
        // replica holds; a stream's first frame cannot, so fresh streams show when the negative entry has arrived.
        var again = await platform.PushUntilAsync("cam-1", luma, matched: false);
        Assert.Equal(0, again.Matched);
        var stream = string.Empty;
        var fresh = again;
        for (var n = 2; n < 60; n++)
        {
            stream = $"cam-{n}";
            await platform.RegisterAsync(stream);
            fresh = await platform.PushCanvasAsync(stream, luma, "r1", 1);
            if (fresh.Matched == 0)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        Assert.Equal(0, fresh.Matched);
        Assert.Null(fresh.IncidentId);
        var incidents = await (await platform.GetAsync(new Uri("/api/v1/incidents", UriKind.Relative))).ReadAsync<IncidentResponse[]>();
        Assert.Contains(incidents, i => i.Id == incidentId && i.State == "Dismissed");
        Assert.DoesNotContain(incidents, i => i.StreamId == stream);
    }
}
