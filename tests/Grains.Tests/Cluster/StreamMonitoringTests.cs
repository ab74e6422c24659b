using LiveWatch.Contracts.Incidents;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Risk;
using LiveWatch.Contracts.Streams;
using LiveWatch.Hashing.Pdq;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace LiveWatch.Grains.Tests.Cluster;

/// <summary>Frames through the real grains on a two-silo cluster, down to what the moderation store holds.</summary>
[Collection(SharedCluster.Name)]
public sealed class StreamMonitoringTests
{
    private readonly SingleNodeCluster _node;

    public StreamMonitoringTests(SingleNodeCluster node)
    {
        _node = node;
    }

    [Fact]
    public async Task A_bank_picture_in_a_stream_opens_one_durable_incident_with_matches_and_sealed_evidence()
    {
        var (tenant, stream) = ("tenant-a", "stream-1");
        var canvas = Pictures.Canvas(seed: 7);
        var bankId = await _node.PrepareMatchingStreamAsync(tenant, stream, canvas);
        var grain = _node.StreamGrain(tenant, stream);
        using var metrics = new MetricTotals("livewatch.incidents.opened", "livewatch.frames.received", "livewatch.frames.repeated");

        var ack = await grain.IngestAsync(new FrameBatch("run-1", [Pictures.Frame(10, canvas)]));
        var retried = await grain.IngestAsync(new FrameBatch("run-1", [Pictures.Frame(10, canvas)]));

        Assert.Equal(RiskLevel.Alert, ack.Level);
        Assert.Equal((1, 0, 1), (ack.Accepted, ack.Repeats, ack.Matched));
        Assert.NotNull(ack.IncidentId);
        Assert.Equal((0, 1), (retried.Accepted, retried.Repeats));
        Assert.Equal(ack.IncidentId, retried.IncidentId);
        Assert.True(metrics["livewatch.incidents.opened"] >= 1);
        Assert.True(metrics["livewatch.frames.received"] >= 1);
        Assert.True(metrics["livewatch.frames.repeated"] >= 1);

        await using var scope = _node.Store.CreateAsyncScope();
        var incidents = scope.ServiceProvider.GetRequiredService<IncidentStore>();
        var incident = Assert.Single(await incidents.ListAsync(tenant));
        Assert.Equal(ack.IncidentId, incident.Id);
        Assert.Equal(RiskLevel.Alert, incident.Level);
        var match = Assert.Single(await incidents.ListMatchesAsync(tenant, incident.Id));
        Assert.Equal((bankId, 0, 10L), (match.BankId, match.Distance, match.FrameSequence));
        var evidence = Assert.Single(await incidents.ListEvidenceAsync(tenant, incident.Id));
        Assert.NotEqual(canvas, evidence.EncryptedFrame);
        Assert.NotEmpty(evidence.Thumbnail!);
        Assert.Empty(await incidents.ListAsync("tenant-b"));
    }

    [Fact]
    public async Task The_audit_log_records_the_incident_opening_and_each_change_of_its_level()
    {
        var (tenant, stream) = ("tenant-audit", "stream-1");
        var canvas = Pictures.Canvas(seed: 21);
        await _node.PrepareMatchingStreamAsync(tenant, stream, canvas);
        var grain = _node.StreamGrain(tenant, stream);

        var alert = await grain.IngestAsync(new FrameBatch("run-1", [Pictures.Frame(1, canvas)]));
        var critical = await grain.IngestAsync(new FrameBatch("run-1", [.. Enumerable.Range(2, 5).Select(i => Pictures.Frame(i, canvas))]));

        Assert.Equal((RiskLevel.Alert, RiskLevel.Critical), (alert.Level, critical.Level));
        await using var scope = _node.Store.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<AuditLog>().QueryAsync(tenant);
        var incidentEntries = entries.Where(e => e.SubjectId == alert.IncidentId.ToString()).Select(e => e.Action).ToList();
        Assert.Equal(["incident.opened", "incident.level_changed"], incidentEntries);
        var change = entries.Single(e => e.Action == "incident.level_changed");
        Assert.Contains("\"from\":\"Alert\"", change.Details, StringComparison.Ordinal);
        Assert.Contains("\"to\":\"Critical\"", change.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hash_added_to_a_bank_matches_without_a_restart_and_stops_when_removed()
    {
        var (tenant, stream) = await _node.RegisterAsync("tenant-c", "stream-2");
        var canvas = Pictures.Canvas(seed: 11);
        var hash = PdqHasher.Compute(canvas, 64, 64, PixelFormat.Gray8).Hash;
        await using var scope = _node.Store.CreateAsyncScope();
        var banks = scope.ServiceProvider.GetRequiredService<BankStore>();
        var bank = await banks.CreateBankAsync(tenant, "live-additions");

        var entry = await banks.AddEntryAsync(tenant, bank.Id, new NewBankEntry(hash, "added-live"));
        var matched = await _node.PollUntilAsync(tenant, stream, canvas, expectMatch: true);
        await banks.RemoveEntryAsync(tenant, bank.Id, entry.Id);
        var cleared = await _node.PollUntilAsync(tenant, stream, canvas, expectMatch: false);

        // How fast is a benchmark's business (docs/performance.md); here: it happens, with no restart.
        Assert.True(matched, "the added hash never matched");
        Assert.True(cleared, "the removed hash kept matching");
    }

    [Fact]
    public async Task A_failed_incident_report_fails_the_call_and_the_retried_batch_still_opens_the_incident_with_its_matches()
    {
        const string tenant = "tenant-report-fails";
        var canvas = Pictures.Canvas(seed: 13);
        await _node.RegisterAsync(tenant, "registered");
        await _node.CreateBankAsync(tenant, PdqHasher.Compute(canvas, 64, 64, PixelFormat.Gray8).Hash);
        await _node.WaitForReplicaAsync(tenant, canvas);
        var grain = _node.StreamGrain(tenant, "late");
        var batch = new FrameBatch("run-1", [Pictures.Frame(1, canvas), Pictures.Frame(2, Pictures.Canvas(seed: 14))]);

        // The store refuses the incident of a stream it does not know: the report fails after the grain chose the
        // incident's id. Once the stream is registered, the worker's retry of the batch must not be dropped as a
        // repeat.
        await Assert.ThrowsAnyAsync<Exception>(async () => await grain.IngestAsync(batch));
        await _node.RegisterAsync(tenant, "late");
        var ack = await grain.IngestAsync(batch);

        Assert.Equal((2, 0, 1, RiskLevel.Alert), (ack.Accepted, ack.Repeats, ack.Matched, ack.Level));
        await using var scope = _node.Store.CreateAsyncScope();
        var incidents = scope.ServiceProvider.GetRequiredService<IncidentStore>();
        var incident = Assert.Single(await incidents.ListAsync(tenant));
        Assert.Equal((ack.IncidentId, 1), (incident.Id, incident.MatchCount));
        var status = await grain.GetStatusAsync();
        Assert.Equal((2L, 1L, ack.IncidentId), (status.FramesReceived, status.FramesMatched, status.OpenIncidentId));
    }

    [Fact]
    public async Task Bad_batches_are_refused_with_what_was_wrong()
    {
        var grain = _node.StreamGrain("tenant-d", "s");

        var empty = await Assert.ThrowsAsync<ArgumentException>(async () => await grain.IngestAsync(new FrameBatch("", [])));
        var wrongSize = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await grain.IngestAsync(new FrameBatch("r", [new SampledFrame(1, DateTimeOffset.UtcNow, 0, new FramePicture(64, 64, PixelFormat.Gray8, new byte[10]))])));
        var huge = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await grain.IngestAsync(new FrameBatch("r", [new SampledFrame(2, DateTimeOffset.UtcNow, 0, new FramePicture(100_000, 100_000, PixelFormat.Gray8, []))])));

        Assert.Contains("the batch has no run id", empty.Message, StringComparison.Ordinal);
        Assert.Contains("frame 1 should hold 4096 bytes for 64x64 Gray8, got 10", wrongSize.Message, StringComparison.Ordinal);
        Assert.Contains("frame 2 is 100000x100000; sides must be 1..8192", huge.Message, StringComparison.Ordinal);
    }
}
