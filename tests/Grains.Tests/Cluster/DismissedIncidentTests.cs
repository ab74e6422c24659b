using LiveWatch.Contracts.Incidents;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Risk;
using LiveWatch.Contracts.Streams;
using LiveWatch.Hashing.Pdq;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LiveWatch.Grains.Tests.Cluster;

/// <summary>
/// A moderator's decision on a stream's incident, and what the stream's later frames do: a dismissed incident takes
/// no more matches (they would reach no queue), a confirmed one keeps them.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class DismissedIncidentTests
{
    private static readonly DecisionActor Moderator = new("user-mod", "Mod Erator", "Moderator");

    private readonly SingleNodeCluster _node;
    private readonly ITestOutputHelper _output;

    public DismissedIncidentTests(SingleNodeCluster node, ITestOutputHelper output)
    {
        _node = node;
        _output = output;
    }

    [Fact]
    public async Task After_a_dismissal_another_bank_picture_on_the_same_stream_opens_a_new_incident_and_the_same_one_opens_nothing()
    {
        const string tenant = "tenant-dismiss-new";
        var (falsePositive, real) = (Pictures.Canvas(seed: 40), Pictures.Canvas(seed: 41));
        var (grain, dismissedId) = await OpenOnFirstOfTwoBankPicturesAsync(tenant, falsePositive, real);

        await DecideAsync(tenant, dismissedId, IncidentDecisionKind.Dismiss, "a test card");
        await WaitUntilForgottenAsync(grain);
        var again = await grain.IngestAsync(new FrameBatch("run-1", [Pictures.Frame(2, falsePositive)]));
        var next = await grain.IngestAsync(new FrameBatch("run-1", [Pictures.Frame(3, real)]));

        Assert.Equal((1, null), (again.Matched, again.IncidentId));
        Assert.Equal(1, next.Matched);
        var openedId = Assert.IsType<Guid>(next.IncidentId);
        Assert.NotEqual(dismissedId, openedId);
        await using var scope = _node.Store.CreateAsyncScope();
        var incidents = scope.ServiceProvider.GetRequiredService<IncidentStore>();
        var dismissed = await incidents.GetAsync(tenant, dismissedId);
        Assert.Equal((IncidentState.Dismissed, 1), (dismissed!.State, dismissed.MatchCount));
        var opened = await incidents.GetAsync(tenant, openedId);
        Assert.Equal((IncidentState.Open, 1, RiskLevel.Alert), (opened!.State, opened.MatchCount, opened.Level));
        Assert.Equal(3L, Assert.Single(await incidents.ListMatchesAsync(tenant, openedId)).FrameSequence);
        Assert.Equal([openedId], (await incidents.ListAsync(tenant, new IncidentQuery(State: IncidentState.Open))).Select(i => i.Id));
        Assert.Equal(openedId, (await grain.GetStatusAsync()).OpenIncidentId);
    }

    [Fact]
    public async Task After_a_dismissal_frames_without_a_match_open_nothing_while_the_level_stays_high()
    {
        var (tenant, stream) = ("tenant-dismiss-quiet", "cam-1");
        var picture = Pictures.Canvas(seed: 42);
        await _node.PrepareMatchingStreamAsync(tenant, stream, picture);
        var grain = _node.StreamGrain(tenant, stream);
        var first = await grain.IngestAsync(new FrameBatch("run-1", [Pictures.Frame(1, picture)]));
        var dismissedId = Assert.IsType<Guid>(first.IncidentId);

        await DecideAsync(tenant, dismissedId, IncidentDecisionKind.Dismiss, "a test card");
        await WaitUntilForgottenAsync(grain);
        var quiet = await grain.IngestAsync(new FrameBatch("run-1", [.. Enumerable.Range(2, 3).Select(i => Pictures.Frame(i, Pictures.Canvas(seed: 100 + i)))]));

        Assert.Equal((3, 0, RiskLevel.Alert, null), (quiet.Accepted, quiet.Matched, quiet.Level, quiet.IncidentId));
        await using var scope = _node.Store.CreateAsyncScope();
        var incident = Assert.Single(await scope.ServiceProvider.GetRequiredService<IncidentStore>().ListAsync(tenant));
        Assert.Equal((dismissedId, IncidentState.Dismissed, 1), (incident.Id, incident.State, incident.MatchCount));
    }

    [Fact]
    public async Task A_dismissal_the_stream_was_never_told_of_refuses_the_next_report_and_the_new_match_opens_a_new_incident_in_the_same_batch()
    {
        // Written straight to the store: as if the incident's word to the stream was lost (its silo went down).
        const string tenant = "tenant-dismiss-untold";
        var (falsePositive, real) = (Pictures.Canvas(seed: 43), Pictures.Canvas(seed: 44));
        var (grain, dismissedId) = await OpenOnFirstOfTwoBankPicturesAsync(tenant, falsePositive, real);
        await using (var scope = _node.Store.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IncidentStore>()
                .DecideAsync(dismissedId, new IncidentDecision(tenant, Moderator, IncidentDecisionKind.Dismiss, Reason: "a test card"));
        }

        Assert.Equal(dismissedId, (await grain.GetStatusAsync()).OpenIncidentId);
        var next = await grain.IngestAsync(new FrameBatch("run-1", [Pictures.Frame(2, real)]));

        var openedId = Assert.IsType<Guid>(next.IncidentId);
        Assert.NotEqual(dismissedId, openedId);
        await using var check = _node.Store.CreateAsyncScope();
        var incidents = check.ServiceProvider.GetRequiredService<IncidentStore>();
        Assert.Equal(1, (await incidents.GetAsync(tenant, dismissedId))!.MatchCount);
        Assert.Equal(2L, Assert.Single(await incidents.ListMatchesAsync(tenant, openedId)).FrameSequence);
        Assert.Single(await incidents.ListEvidenceAsync(tenant, openedId));
    }

    [Fact]
    public async Task A_confirmed_incident_keeps_receiving_the_streams_matches_and_announces_them()
    {
        const string tenant = "tenant-confirm-keeps";
        var (picture, other) = (Pictures.Canvas(seed: 45), Pictures.Canvas(seed: 46));
        var (grain, incidentId) = await OpenOnFirstOfTwoBankPicturesAsync(tenant, picture, other);
        await using (var scope = _node.Store.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WebhookEndpointStore>().CreateAsync(tenant, new Uri("https://hooks.example.test/livewatch"), "test");
        }

        await DecideAsync(tenant, incidentId, IncidentDecisionKind.Confirm);
        var next = await grain.IngestAsync(new FrameBatch("run-1", [Pictures.Frame(2, other)]));

        Assert.Equal((1, incidentId), (next.Matched, next.IncidentId));
        await using var check = _node.Store.CreateAsyncScope();
        var incident = await check.ServiceProvider.GetRequiredService<IncidentStore>().GetAsync(tenant, incidentId);
        Assert.Equal((IncidentState.Confirmed, 2), (incident!.State, incident.MatchCount));
        var events = await check.ServiceProvider.GetRequiredService<OutboxStore>().ListAsync(tenant);
        Assert.Contains(events, e => e.EventId == $"{WebhookEventTypes.IncidentUpdated}:{incidentId:N}:v{incident.Version}");
        Assert.Single(await check.ServiceProvider.GetRequiredService<IncidentStore>().ListAsync(tenant));
    }

    // Both pictures in banks of the tenant; the first one, shown on stream cam-1, opened the incident returned.
    private async Task<(IStreamMonitorGrain Grain, Guid IncidentId)> OpenOnFirstOfTwoBankPicturesAsync(string tenant, byte[] first, byte[] second)
    {
        await _node.PrepareMatchingStreamAsync(tenant, "cam-1", first);
        await _node.CreateBankAsync(tenant, PdqHasher.Compute(second, 64, 64, PixelFormat.Gray8).Hash);
        await _node.WaitForReplicaAsync(tenant, second);
        var grain = _node.StreamGrain(tenant, "cam-1");
        var ack = await grain.IngestAsync(new FrameBatch("run-1", [Pictures.Frame(1, first)]));
        return (grain, Assert.IsType<Guid>(ack.IncidentId));
    }

    private async Task DecideAsync(string tenant, Guid incidentId, IncidentDecisionKind kind, string? reason = null)
    {
        var result = await _node.Cluster.Client.GetGrain<IIncidentGrain>(incidentId).DecideAsync(new IncidentDecision(tenant, Moderator, kind, Reason: reason));
        Assert.True(result.Changed);
    }

    // The incident tells the stream after the decision returns (see IncidentGrain.TellStreamOfDismissal).
    private async Task WaitUntilForgottenAsync(IStreamMonitorGrain grain)
    {
        var started = DateTimeOffset.UtcNow;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if ((await grain.GetStatusAsync()).OpenIncidentId is null)
            {
                _output.WriteLine($"the stream forgot the dismissed incident after {(DateTimeOffset.UtcNow - started).TotalMilliseconds:F0} ms");
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The stream still holds the dismissed incident 10 s after the dismissal.");
    }
}
