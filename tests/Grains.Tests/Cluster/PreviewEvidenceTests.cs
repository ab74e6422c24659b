using LiveWatch.Contracts.Incidents;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Grains.Evidence;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace LiveWatch.Grains.Tests.Cluster;

/// <summary>Preview frames around an incident: asked for on the ack, stored sealed once, and no longer asked for.</summary>
[Collection(SharedCluster.Name)]
public sealed class PreviewEvidenceTests
{
    private readonly SingleNodeCluster _node;

    public PreviewEvidenceTests(SingleNodeCluster node)
    {
        _node = node;
    }

    [Fact]
    public async Task An_open_incident_asks_for_preview_frames_stores_them_sealed_once_and_stops_asking_when_it_has_them()
    {
        var (tenant, stream) = ("tenant-preview", "pulled");
        var canvas = Pictures.Canvas(seed: 41);
        await _node.PrepareMatchingStreamAsync(tenant, stream, canvas);
        var grain = _node.StreamGrain(tenant, stream);

        // Pictures.Frame puts frame n at stream second n.
        var quiet = await grain.IngestAsync(new FrameBatch("run-1", [Pictures.Frame(18, Pictures.Canvas(seed: 42))]));
        var matched = await grain.IngestAsync(new FrameBatch("run-1", [Pictures.Frame(20, canvas)]));

        Assert.Null(quiet.Evidence);
        var incidentId = Assert.IsType<Guid>(matched.IncidentId);
        Assert.Equal(new EvidenceRequest(incidentId, 10, 25), matched.Evidence);

        var incident = _node.Cluster.Client.GetGrain<IIncidentGrain>(incidentId);
        var frames = Enumerable.Range(0, 5).Select(i => Preview(100 + i, 11 + i)).ToList();
        Assert.Equal(5, await incident.AttachEvidenceFramesAsync(frames));
        Assert.Equal(0, await incident.AttachEvidenceFramesAsync(frames));
        Assert.Equal(1, await incident.AttachEvidenceFramesAsync([.. frames, Preview(105, 16)]));

        // Past the window's end the grain asks the incident, which holds nothing near it yet: it keeps asking.
        var past = await grain.IngestAsync(new FrameBatch("run-1", [Pictures.Frame(26, Pictures.Canvas(seed: 43))]));
        Assert.Equal(new EvidenceRequest(incidentId, 10, 25), past.Evidence);
        Assert.Equal(3, await incident.AttachEvidenceFramesAsync([Preview(110, 23), Preview(111, 24), Preview(112, 25)]));
        var done = await grain.IngestAsync(new FrameBatch("run-1", [Pictures.Frame(27, Pictures.Canvas(seed: 44))]));
        Assert.Null(done.Evidence);
        Assert.Equal(incidentId, done.IncidentId);

        await using var scope = _node.Store.CreateAsyncScope();
        var stored = (await scope.ServiceProvider.GetRequiredService<IncidentStore>().ListEvidenceAsync(tenant, incidentId))
            .Where(e => e.Kind == EvidenceKind.Preview).OrderBy(e => e.PreviewSequence).ToList();
        Assert.Equal([100L, 101, 102, 103, 104, 105, 110, 111, 112], stored.Select(e => e.PreviewSequence!.Value));
        var protector = _node.Cluster.Silos[0].ServiceProvider.GetRequiredService<EvidenceProtector>();
        var first = stored[0];
        Assert.NotEqual(frames[0].Jpeg, first.EncryptedFrame);
        Assert.Null(first.Thumbnail);
        Assert.Equal(("image/jpeg", 11.0), (first.ContentType, first.StreamSeconds!.Value));
        Assert.Equal(frames[0].Jpeg, protector.Unprotect(new ProtectedEvidence(first.EncryptedFrame, first.Nonce, first.Tag, first.KeyId), incidentId));
        var audit = await scope.ServiceProvider.GetRequiredService<AuditLog>().QueryAsync(tenant);
        Assert.Equal(3, audit.Count(e => e.Action == "incident.evidence_attached" && e.SubjectId == incidentId.ToString()));
    }

    [Fact]
    public async Task Preview_frames_are_bounded_in_size_with_errors_that_say_so_and_in_number()
    {
        var (tenant, stream) = ("tenant-preview-bounds", "pulled");
        var canvas = Pictures.Canvas(seed: 51);
        await _node.PrepareMatchingStreamAsync(tenant, stream, canvas);
        var ack = await _node.StreamGrain(tenant, stream).IngestAsync(new FrameBatch("run-1", [Pictures.Frame(5, canvas)]));
        var incident = _node.Cluster.Client.GetGrain<IIncidentGrain>(Assert.IsType<Guid>(ack.IncidentId));

        var tooLarge = await Assert.ThrowsAsync<ArgumentException>(() => incident.AttachEvidenceFramesAsync([Preview(1, 1, bytes: (2 * 1024 * 1024) + 1)]));
        Assert.Contains("MaxPreviewFrameBytes", tooLarge.Message, StringComparison.Ordinal);
        var notJpeg = await Assert.ThrowsAsync<ArgumentException>(() => incident.AttachEvidenceFramesAsync([new EvidenceFrame(1, 1, DateTimeOffset.UtcNow, 64, 64, [0x89, 0x50, 0x4E, 0x47])]));
        Assert.Contains("not a JPEG", notJpeg.Message, StringComparison.Ordinal);

        Assert.Equal(60, await incident.AttachEvidenceFramesAsync([.. Enumerable.Range(0, 70).Select(i => Preview(i, i * 0.2))]));
        // A full incident stores nothing more, without failing the worker (which cannot know); its coverage says it is full.
        Assert.Equal(0, await incident.AttachEvidenceFramesAsync([Preview(500, 30)]));
        Assert.Equal(new PreviewCoverage(60, 59 * 0.2, Full: true), await incident.GetPreviewCoverageAsync());
    }

    [Fact]
    public async Task A_picture_that_stays_on_screen_stops_the_requests_once_the_incident_holds_all_it_keeps()
    {
        var (tenant, stream) = ("tenant-preview-full", "pulled");
        var canvas = Pictures.Canvas(seed: 61);
        await _node.PrepareMatchingStreamAsync(tenant, stream, canvas);
        var grain = _node.StreamGrain(tenant, stream);
        var opened = await grain.IngestAsync(new FrameBatch("run-1", [Pictures.Frame(10, canvas)]));
        var incidentId = Assert.IsType<Guid>(opened.IncidentId);
        Assert.NotNull(opened.Evidence);
        var incident = _node.Cluster.Client.GetGrain<IIncidentGrain>(incidentId);
        Assert.Equal(60, await incident.AttachEvidenceFramesAsync([.. Enumerable.Range(0, 60).Select(i => Preview(i, i * 0.1))]));

        // The picture keeps matching every other second, so every match pushes the window's end further on; the grain
        // asks the incident once `After` (5 s) of stream time has passed, learns it is full, and asks no more.
        var asked = new List<int>();
        var matched = 0;
        for (var second = 11; second <= 40; second++)
        {
            var ack = await grain.IngestAsync(new FrameBatch("run-1", [Pictures.Frame(second, second % 2 == 0 ? canvas : Pictures.Canvas(seed: 1_000 + second))]));
            Assert.Equal(incidentId, ack.IncidentId);
            matched += ack.Matched;
            if (ack.Evidence is not null)
            {
                asked.Add(second);
            }
        }

        Assert.Equal(15, matched);
        Assert.Equal([11, 12, 13, 14], asked);
    }

    // A benign stand-in for a preview JPEG: the signature and some bytes (nothing decodes it).
    private static EvidenceFrame Preview(long sequence, double streamSeconds, int bytes = 64)
    {
        var jpeg = new byte[bytes];
        new Random((int)sequence).NextBytes(jpeg);
        (jpeg[0], jpeg[1], jpeg[2]) = (0xFF, 0xD8, 0xFF);
        return new EvidenceFrame(sequence, streamSeconds, DateTimeOffset.UtcNow, 320, 180, jpeg);
    }
}
