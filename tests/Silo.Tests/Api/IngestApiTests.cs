using System.Net.Http.Json;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Streams;
using LiveWatch.Silo.Api.Models;
using Microsoft.Extensions.DependencyInjection;

namespace LiveWatch.Silo.Tests.Api;

/// <summary>Pulled streams through the API: scheduled when registered, unscheduled when stopped, ingest state shown.</summary>
[Collection(SharedNode.Name)]
public sealed class IngestApiTests(LiveWatchApiFactory node)
{
    [Fact]
    public async Task A_stream_registered_with_a_source_waits_for_a_worker_in_the_operators_view_until_it_is_stopped()
    {
        var tenant = ApiSteps.NewTenantId("pulled");
        using var admin = node.Admin();
        using var platform = await node.NewTenantAsync(tenant);
        var expected = new IngestStreamResponse(tenant, "camera-1");

        var registered = await platform.PostAsJsonAsync("/api/v1/streams", new RegisterStreamRequest("camera-1", "rtmp://127.0.0.77/live/camera-1", Priority: 3));
        Assert.Equal(System.Net.HttpStatusCode.Created, registered.StatusCode);
        var waiting = await (await admin.GetAsync(new Uri("/api/v1/admin/ingest", UriKind.Relative))).ReadAsync<IngestOverviewResponse>();
        Assert.Contains(expected, waiting.Waiting);

        (await platform.PostAsync(new Uri("/api/v1/streams/camera-1/stop", UriKind.Relative), null)).EnsureSuccessStatusCode();
        var afterStop = await (await admin.GetAsync(new Uri("/api/v1/admin/ingest", UriKind.Relative))).ReadAsync<IngestOverviewResponse>();
        Assert.DoesNotContain(expected, afterStop.Waiting);

        var resumed = await platform.PostAsJsonAsync("/api/v1/streams", new RegisterStreamRequest("camera-1", "rtmp://127.0.0.77/live/camera-1"));
        Assert.Equal(System.Net.HttpStatusCode.OK, resumed.StatusCode);
        var afterResume = await (await admin.GetAsync(new Uri("/api/v1/admin/ingest", UriKind.Relative))).ReadAsync<IngestOverviewResponse>();
        Assert.Contains(expected, afterResume.Waiting);
        (await platform.PostAsync(new Uri("/api/v1/streams/camera-1/stop", UriKind.Relative), null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task The_operators_ingest_view_is_for_operator_keys_only()
    {
        using var platform = await node.NewTenantAsync(ApiSteps.NewTenantId("not-admin"));
        var response = await platform.GetAsync(new Uri("/api/v1/admin/ingest", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_stream_shows_its_ingest_workers_latest_report()
    {
        var tenant = ApiSteps.NewTenantId("ingest-state");
        using var platform = await node.NewTenantAsync(tenant);
        (await platform.PostAsJsonAsync("/api/v1/streams", new RegisterStreamRequest("camera-2", "rtmp://127.0.0.77/live/camera-2"))).EnsureSuccessStatusCode();
        var before = await (await platform.GetAsync(new Uri("/api/v1/streams/camera-2", UriKind.Relative))).ReadAsync<StreamResponse>();
        Assert.Null(before.Ingest);

        var grains = node.Services.GetRequiredService<IGrainFactory>();
        var at = DateTimeOffset.UtcNow;
        await grains.GetGrain<IStreamMonitorGrain>(new StreamKey(tenant, "camera-2").ToGrainKey())
            .ReportIngestStateAsync(new IngestStateReport(IngestState.Stalled, "no frame for 10 s", "worker-7", at, 1));
        var stream = await (await platform.GetAsync(new Uri("/api/v1/streams/camera-2", UriKind.Relative))).ReadAsync<StreamResponse>();

        Assert.Equal("Stalled", stream.State);
        Assert.Equal(new StreamIngestResponse("Stalled", "no frame for 10 s", "worker-7", 1, at), stream.Ingest);
        (await platform.PostAsync(new Uri("/api/v1/streams/camera-2/stop", UriKind.Relative), null)).EnsureSuccessStatusCode();
    }
}
