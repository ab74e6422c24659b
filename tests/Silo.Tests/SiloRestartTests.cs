using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Risk;
using LiveWatch.Contracts.Streams;
using LiveWatch.Hashing.Pdq;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace LiveWatch.Silo.Tests;

/// <summary>A single node stopped and started again on its data directory forgets nothing a moderator or a worker relies on.</summary>
public sealed class SiloRestartTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"livewatch-restart-{Guid.NewGuid():N}");

    [Fact]
    public async Task Risk_state_the_open_incident_and_the_dedup_cursor_survive_a_graceful_restart_on_the_same_data_directory()
    {
        var canvas = TestPictures.Canvas(3).Luma;
        var firstBatch = new FrameBatch("run-1", [TestPictures.Frame(1, canvas), TestPictures.Frame(2, canvas), TestPictures.Frame(3, canvas)]);
        StreamKey key;
        IngestAck opening;
        IngestAck quiet;
        StreamStatus before;
        await using (var first = await InProcessSilo.StartAsync(_data))
        {
            key = await first.SeedAsync("tenant-r", "stream-r", PdqHasher.Compute(canvas, 64, 64, PixelFormat.Gray8).Hash);
            await first.WaitForReplicaAsync(entries: 1);
            var grain = first.Grains.GetGrain<IStreamMonitorGrain>(key.ToGrainKey());
            opening = await grain.IngestAsync(firstBatch);

            // Neither changes the level, so only the graceful stop writes them: a repeat and a frame that matches nothing.
            await grain.IngestAsync(firstBatch);
            quiet = await grain.IngestAsync(new FrameBatch("run-1", [TestPictures.Frame(5, TestPictures.Canvas(11).Luma)]));
            before = await grain.GetStatusAsync();
            await first.StopAsync();
        }

        await using var second = await InProcessSilo.StartAsync(_data);
        await second.WaitForReplicaAsync(entries: 1);
        var restarted = second.Grains.GetGrain<IStreamMonitorGrain>(key.ToGrainKey());
        var after = await restarted.GetStatusAsync();
        var repeated = await restarted.IngestAsync(firstBatch);
        var quietAgain = await restarted.IngestAsync(new FrameBatch("run-1", [TestPictures.Frame(5, TestPictures.Canvas(11).Luma)]));
        var further = await restarted.IngestAsync(new FrameBatch("run-1", [TestPictures.Frame(4, canvas)]));

        Assert.Equal(RiskLevel.Alert, opening.Level);
        Assert.NotNull(opening.IncidentId);
        Assert.Equal((3, 3L), (opening.Matched, before.FramesMatched));
        Assert.Equal((1, 0, RiskLevel.Alert), (quiet.Accepted, quiet.Matched, quiet.Level));
        Assert.Equal((4L, 3L), (before.FramesReceived, before.Repeats));

        // The score decays with wall-clock time; everything else is state and must come back as it was.
        Assert.Equal(before with { Score = 0 }, after with { Score = 0 });
        Assert.Equal((0, 3, 0), (repeated.Accepted, repeated.Repeats, repeated.Matched));
        Assert.Equal(opening.IncidentId, repeated.IncidentId);
        Assert.Equal((0, 1), (quietAgain.Accepted, quietAgain.Repeats));
        Assert.Equal((1, 1), (further.Accepted, further.Matched));
        Assert.Equal(opening.IncidentId, further.IncidentId);

        await using var scope = second.Services.CreateAsyncScope();
        var incidents = scope.ServiceProvider.GetRequiredService<IncidentStore>();
        var incident = Assert.Single(await incidents.ListAsync(key.TenantId));
        Assert.Equal(opening.IncidentId, incident.Id);
        // The fourth strong match in a row may raise the stream further; the incident follows the stream's level.
        Assert.Equal(further.Level, incident.Level);
        var matches = await incidents.ListMatchesAsync(key.TenantId, incident.Id);
        Assert.Equal([1L, 2L, 3L, 4L], matches.Select(m => m.FrameSequence).Order());
        Assert.All(matches, m => Assert.Equal(("run-1", 0), (m.RunId, m.Distance)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
