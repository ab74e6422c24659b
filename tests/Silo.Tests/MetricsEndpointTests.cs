using System.Net;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Streams;
using LiveWatch.Hashing.Pdq;

namespace LiveWatch.Silo.Tests;

/// <summary><c>/metrics</c> as Prometheus scrapes it: the host's own series from the start, LiveWatch's once frames flow.</summary>
public sealed class MetricsEndpointTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"livewatch-metrics-{Guid.NewGuid():N}");

    [Fact]
    public async Task The_running_process_serves_prometheus_text_with_its_service_name_and_orleans_and_http_series_at_metrics()
    {
        var port = LoopbackPorts.Free();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        using var silo = SiloProcessTests.Start(_data, port);
        try
        {
            Assert.Equal(HttpStatusCode.OK, await SiloProcessTests.WaitForAsync(http, "/health/ready"));

            var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("# TYPE ", text, StringComparison.Ordinal);
            Assert.Contains("target_info{service_name=\"livewatch-silo\"", text, StringComparison.Ordinal);
            Assert.Contains("\norleans_", text, StringComparison.Ordinal);
            Assert.Contains("\nhttp_server_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
        }
        finally
        {
            if (!silo.HasExited)
            {
                silo.Kill(entireProcessTree: true);
                await silo.WaitForExitAsync();
            }
        }
    }

    [Fact]
    public async Task Frames_through_the_grains_show_as_livewatch_series_at_metrics()
    {
        var canvas = TestPictures.Canvas(5).Luma;
        await using var silo = await InProcessSilo.StartAsync(_data);
        var key = await silo.SeedAsync("tenant-m", "stream-m", PdqHasher.Compute(canvas, 64, 64, PixelFormat.Gray8).Hash);
        await silo.WaitForReplicaAsync(entries: 1);
        var ack = await silo.Grains.GetGrain<IStreamMonitorGrain>(key.ToGrainKey())
            .IngestAsync(new FrameBatch("run-m", [TestPictures.Frame(1, canvas), TestPictures.Frame(2, TestPictures.Canvas(9).Luma)]));

        var text = await silo.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.NotNull(ack.IncidentId);
        Assert.Multiple(
            () => Assert.Contains("\nlivewatch_frames_received_total{", text, StringComparison.Ordinal),
            () => Assert.Contains("\nlivewatch_frames_hashed_total{", text, StringComparison.Ordinal),
            () => Assert.Contains("\nlivewatch_matches_total{", text, StringComparison.Ordinal),
            () => Assert.Contains("\nlivewatch_incidents_opened_total{", text, StringComparison.Ordinal),
            () => Assert.Contains("\nlivewatch_risk_level_changes_total{", text, StringComparison.Ordinal),
            () => Assert.Contains("\nlivewatch_ingest_batch_duration_milliseconds_bucket{", text, StringComparison.Ordinal),
            () => Assert.Contains("\nlivewatch_frame_to_incident_duration_milliseconds_bucket{", text, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
