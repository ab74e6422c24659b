using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Risk;
using LiveWatch.Contracts.Streams;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace LiveWatch.Grains.Tests.Cluster;

/// <summary>
/// A stream grain whose state write fails: the worker's call fails, so it does not take the batch as acknowledged, and
/// its retry of the same batch (same run, same sequences) is processed once in effect.
/// </summary>
public sealed class StorageFailureTests : IClassFixture<FaultInjectionCluster>
{
    private readonly FaultInjectionCluster _node;

    public StorageFailureTests(FaultInjectionCluster node)
    {
        _node = node;
    }

    [Fact]
    public async Task A_failed_write_when_a_batch_opens_an_incident_fails_the_call_and_the_retry_opens_it_once()
    {
        const string tenant = "faulty-open";
        var canvas = Pictures.Canvas(seed: 41);
        await _node.PrepareMatchingStreamAsync(tenant, "s", canvas);
        var grain = _node.StreamGrain(tenant, "s");
        var batch = new FrameBatch("run-1", [Pictures.Frame(1, canvas), Pictures.Frame(2, canvas), Pictures.Frame(3, canvas)]);

        await FailNextWriteAsync(grain);
        await AssertFailsWithInjectedFaultAsync(() => grain.IngestAsync(batch));
        var ack = await grain.IngestAsync(batch);
        var again = await grain.IngestAsync(batch);

        Assert.Equal((3, 0, 3, RiskLevel.Alert), (ack.Accepted, ack.Repeats, ack.Matched, ack.Level));
        Assert.Equal((0, 3, ack.IncidentId), (again.Accepted, again.Repeats, again.IncidentId));
        var status = await grain.GetStatusAsync();
        Assert.Equal((3L, 3L, 3L), (status.FramesReceived, status.FramesMatched, status.Repeats));
        await AssertOneIncidentAsync(tenant, ack.IncidentId, matches: 3);
    }

    [Fact]
    public async Task A_failed_write_after_the_incident_recorded_a_batch_fails_the_call_and_the_retry_records_nothing_twice()
    {
        const string tenant = "faulty-escalate";
        var canvas = Pictures.Canvas(seed: 42);
        await _node.PrepareMatchingStreamAsync(tenant, "s", canvas);
        var grain = _node.StreamGrain(tenant, "s");
        var opened = await grain.IngestAsync(new FrameBatch("run-1", [Pictures.Frame(1, canvas)]));
        // Three more strong matches (and a frame that matches nothing) take the score past Critical's threshold: the
        // incident records them and the level, and only then does the grain persist its state, which fails.
        var batch = new FrameBatch("run-1",
            [Pictures.Frame(2, canvas), Pictures.Frame(3, canvas), Pictures.Frame(4, Pictures.Canvas(seed: 43)), Pictures.Frame(5, canvas)]);

        await FailNextWriteAsync(grain);
        await AssertFailsWithInjectedFaultAsync(() => grain.IngestAsync(batch));
        var ack = await grain.IngestAsync(batch);

        Assert.Equal((4, 0, 3, RiskLevel.Critical, opened.IncidentId), (ack.Accepted, ack.Repeats, ack.Matched, ack.Level, ack.IncidentId));
        var status = await grain.GetStatusAsync();
        Assert.Equal((5L, 4L, RiskLevel.Critical), (status.FramesReceived, status.FramesMatched, status.Level));
        await AssertOneIncidentAsync(tenant, ack.IncidentId, matches: 4);
    }

    // Orleans wraps what the storage threw in its own exception, with the storage's name and the grain's id.
    private static async Task AssertFailsWithInjectedFaultAsync(Func<ValueTask<IngestAck>> call)
    {
        var error = await Assert.ThrowsAsync<OrleansException>(async () => await call());
        Assert.IsType<InjectedStorageFaultException>(error.InnerException);
    }

    private async Task FailNextWriteAsync(IStreamMonitorGrain grain) =>
        await _node.Cluster.Client.GetGrain<IStorageFaultGrain>(FaultInjectionCluster.StreamStateName)
            .AddFaultOnWrite(grain.GetGrainId(), new InjectedStorageFaultException());

    private async Task AssertOneIncidentAsync(string tenant, Guid? incidentId, int matches)
    {
        await using var scope = _node.Store.CreateAsyncScope();
        var incidents = scope.ServiceProvider.GetRequiredService<IncidentStore>();
        var incident = Assert.Single(await incidents.ListAsync(tenant));
        Assert.Equal(incidentId, incident.Id);
        var stored = await incidents.ListMatchesAsync(tenant, incident.Id);
        Assert.Equal((matches, matches), (incident.MatchCount, stored.Count));
        Assert.Equal(stored.Count, stored.Select(m => (m.RunId, m.FrameSequence, m.BankEntryId)).Distinct().Count());
        // Evidence belongs to a match each, never two pieces to one (a retried report stores none again).
        var evidence = await incidents.ListEvidenceAsync(tenant, incident.Id);
        Assert.NotEmpty(evidence);
        Assert.All(evidence, e => Assert.Contains(stored, m => m.Id == e.MatchId));
        Assert.Equal(evidence.Count, evidence.Select(e => e.MatchId).Distinct().Count());
    }
}
