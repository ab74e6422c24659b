using System.Diagnostics;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Risk;
using LiveWatch.Contracts.Streams;
using LiveWatch.Grains.Telemetry;
using LiveWatch.Hashing.Pdq;

namespace LiveWatch.Grains.Tests.Cluster;

/// <summary>What an operator sees of a batch that opens an incident: one trace from the caller to the store, and the latency metric.</summary>
[Collection(SharedCluster.Name)]
public sealed class TelemetryTests
{
    private static readonly ActivitySource s_caller = new(SpanRecorder.CallerSourceName);
    private readonly SingleNodeCluster _node;

    public TelemetryTests(SingleNodeCluster node)
    {
        _node = node;
    }

    [Fact]
    public async Task A_batch_that_opens_an_incident_is_traced_from_the_caller_through_both_grains_to_the_store()
    {
        var (tenant, stream, canvas) = await SeedAsync("tenant-trace", "stream-t", seed: 5);
        var grain = _node.Cluster.Client.GetGrain<IStreamMonitorGrain>(new StreamKey(tenant, stream).ToGrainKey());
        using var spans = new SpanRecorder();

        IngestAck ack;
        ActivityTraceId traceId;
        ActivitySpanId callerId;
        using (var request = s_caller.StartActivity("POST /streams/{id}/frames"))
        {
            // Stands in for the API request that carries the frames.
            Assert.NotNull(request);
            (traceId, callerId) = (request.TraceId, request.SpanId);
            ack = await grain.IngestAsync(new FrameBatch("run-t", [Pictures.Frame(1, canvas)]));
        }

        Assert.NotNull(ack.IncidentId);
        var trace = spans.Trace(traceId);
        var batch = Assert.Single(trace, a => a.OperationName == LiveWatchActivitySource.StreamBatch);
        var report = Assert.Single(trace, a => a.OperationName == LiveWatchActivitySource.IncidentReport);
        var store = Assert.Single(trace, a => a.OperationName == LiveWatchActivitySource.StoreTransaction);
        Assert.True(DescendsFrom(batch, callerId, trace), "the batch span does not descend from the caller's span");
        Assert.True(DescendsFrom(report, batch.SpanId, trace), "the incident report span does not descend from the batch span");
        Assert.Equal(report.SpanId, store.ParentSpanId);
        Assert.Equal(ActivityKind.Client, store.Kind);
        Assert.Equal("sqlite", store.GetTagItem(LiveWatchSpanTags.DbSystem));

        Assert.Equal(tenant, batch.GetTagItem(LiveWatchSpanTags.Tenant));
        Assert.Equal(stream, batch.GetTagItem(LiveWatchSpanTags.Stream));
        Assert.Equal((1, 1, 1), (batch.GetTagItem(LiveWatchSpanTags.Frames), batch.GetTagItem(LiveWatchSpanTags.Accepted), batch.GetTagItem(LiveWatchSpanTags.Matched)));
        Assert.Equal(nameof(RiskLevel.Alert), batch.GetTagItem(LiveWatchSpanTags.Level));
        Assert.Equal(ack.IncidentId.ToString(), report.GetTagItem(LiveWatchSpanTags.IncidentId));
        Assert.Equal(true, report.GetTagItem(LiveWatchSpanTags.IncidentOpened));
        Assert.All([batch, report, store], span => Assert.NotEqual(ActivityStatusCode.Error, span.Status));
    }

    [Fact]
    public async Task Opening_an_incident_records_one_frame_to_incident_latency_and_attaching_to_it_records_none()
    {
        var (tenant, stream, canvas) = await SeedAsync("tenant-latency", "stream-l", seed: 8);
        var grain = _node.Cluster.Client.GetGrain<IStreamMonitorGrain>(new StreamKey(tenant, stream).ToGrainKey());
        using var metrics = new MetricTotals("livewatch.frame_to_incident.duration", "livewatch.incidents.opened", "livewatch.frames.hashed");

        var opening = await grain.IngestAsync(new FrameBatch("run-l", [Pictures.Frame(1, canvas)]));
        var opened = (metrics.Count("livewatch.frame_to_incident.duration"), metrics["livewatch.incidents.opened"]);
        var attaching = await grain.IngestAsync(new FrameBatch("run-l", [Pictures.Frame(2, canvas), Pictures.Frame(3, canvas)]));

        Assert.NotNull(opening.IncidentId);
        Assert.Equal(opening.IncidentId, attaching.IncidentId);
        Assert.Equal((1L, 1L), opened);
        Assert.Equal(1, metrics.Count("livewatch.frame_to_incident.duration"));
        Assert.Equal(3, metrics["livewatch.frames.hashed"]);
    }

    private async Task<(string Tenant, string Stream, byte[] Canvas)> SeedAsync(string tenant, string stream, int seed)
    {
        await _node.RegisterAsync(tenant, stream);
        var canvas = Pictures.Canvas(seed);
        await _node.CreateBankAsync(tenant, PdqHasher.Compute(canvas, 64, 64, PixelFormat.Gray8).Hash);
        await _node.WaitForReplicaAsync(tenant, canvas);
        return (tenant, stream, canvas);
    }

    private static bool DescendsFrom(Activity span, ActivitySpanId ancestor, IReadOnlyList<Activity> trace)
    {
        for (var parent = span.ParentSpanId; parent != default; parent = trace.FirstOrDefault(a => a.SpanId == parent)?.ParentSpanId ?? default)
        {
            if (parent == ancestor)
            {
                return true;
            }
        }

        return false;
    }
}
