using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using LiveWatch.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LiveWatch.Cluster.Tests;

/// <summary>
/// The cluster at work on live streams: three silos and two stand-alone ingest workers follow fifty live HLS streams;
/// a stream that shows a bank picture opens exactly one incident, whatever crashes or restarts around it.
/// </summary>
[Collection(LiveClusterGroup.Name)]
public sealed class LiveClusterTests(LiveClusterFixture cluster, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Streams = 50;
    private const int SpliceSeconds = 8;

    public Task InitializeAsync() => cluster.EnsureAllRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Fifty_live_streams_open_each_incident_once_before_and_after_a_silo_and_a_worker_are_killed()
    {
        using var hls = await LiveHlsServer.StartAsync(Path.Combine(cluster.Root, "hls-crash"), LiveClusterFixture.Picture, seconds: 900);
        var apis = await RegisterAsync("crash", hls);
        var all = Enumerable.Range(0, Streams).ToList();
        try
        {
        var started = Stopwatch.StartNew();
        await AllFollowedAsync(apis[0], all, null, "all fifty streams Live");
        output.WriteLine($"{Streams} streams Live {started.Elapsed.TotalSeconds:F0} s after registration");

        var firstWave = Enumerable.Range(0, 5).ToList();
        await SpliceAndExpectIncidentsAsync(apis[0], hls, firstWave, firstWave);

        var silo = cluster.Silos[1];
        var worker = cluster.Workers[0];
        var survivor = apis.Single(a => a.Silo == cluster.Silos[0]);
        var before = await FramesAsync(survivor, all);
        silo.Crash();
        worker.Crash();
        var crashed = Stopwatch.StartNew();

        // Grains of the dead silo reactivate elsewhere, the dead worker's leases expire and its streams move to the
        // other worker; every stream is sampled again (more frames than before the crash), by a live worker.
        await AllFollowedAsync(survivor, all, (before, worker.WorkerId), "every stream sampled again after the crash");
        output.WriteLine($"silo {silo.Index} and {worker.WorkerId} killed: every stream Live with new frames after {crashed.Elapsed.TotalSeconds:F0} s");

        var secondWave = Enumerable.Range(5, 5).ToList();
        await SpliceAndExpectIncidentsAsync(survivor, hls, secondWave, [.. firstWave, .. secondWave]);
        }
        finally
        {
            await StopAllAsync(cluster, apis, all);
        }
    }

    [Fact]
    public async Task A_rolling_restart_of_every_silo_loses_no_incident_and_opens_none_twice()
    {
        using var hls = await LiveHlsServer.StartAsync(Path.Combine(cluster.Root, "hls-rolling"), LiveClusterFixture.Picture, seconds: 900);
        var apis = await RegisterAsync("rolling", hls, streams: 10);
        var all = Enumerable.Range(0, 10).ToList();
        try
        {
        await AllFollowedAsync(apis[0], all, null, "all ten streams Live");

        // One silo at a time, as an operator upgrades: SIGTERM (it hands its grains over as it leaves), start it again,
        // wait until it is ready; meanwhile a stream shows the bank picture, through a silo that stays up.
        var spliced = new List<int>();
        foreach (var silo in cluster.Silos)
        {
            var stream = spliced.Count;
            spliced.Add(stream);
            var api = apis.First(a => a.Silo != silo);
            hls.Splice(stream, SpliceSeconds);
            await silo.StopAsync();
            silo.Start();
            await silo.WaitReadyAsync();
            await Poll.UntilAsync(() => api.IncidentsOfAsync(Id(stream)), list => list.Count > 0, $"an incident on {Id(stream)} while silo {silo.Index} restarted");
            output.WriteLine($"silo {silo.Index} restarted; incident on {Id(stream)}");
        }

        await ExpectExactlyOneIncidentEachAsync(apis[0], hls, spliced);
        var before = await FramesAsync(apis[0], all);
        await AllFollowedAsync(apis[0], all, (before, null), "every stream still sampled after the rolling restart");
        }
        finally
        {
            await StopAllAsync(cluster, apis, all);
        }
    }

    // The next test starts from a quiet cluster: no sampler left pulling a server that is about to go away.
    private static async Task StopAllAsync(LiveClusterFixture cluster, List<PlatformApi> apis, List<int> streams)
    {
        var api = apis.First(a => a.Silo.IsRunning);
        await cluster.EnsureAllRunningAsync();
        foreach (var stream in streams)
        {
            using var _ = await api.StopStreamAsync(Id(stream));
        }
    }

    private static string Id(int stream) => $"live-{stream.ToString(CultureInfo.InvariantCulture)}";

    // Each stream is registered through a different silo: any silo's API serves the whole cluster.
    private async Task<List<PlatformApi>> RegisterAsync(string tenant, LiveHlsServer hls, int streams = Streams)
    {
        var token = await cluster.CreateTenantAsync(tenant);
        var apis = cluster.Silos.Select(s => new PlatformApi(s, token)).ToList();
        for (var i = 0; i < streams; i++)
        {
            using var registered = await apis[i % apis.Count].RegisterStreamAsync(Id(i), hls.Url(i));
            Assert.True(registered.StatusCode == HttpStatusCode.Created, $"register {Id(i)}: {(int)registered.StatusCode} {await registered.Content.ReadAsStringAsync()}");
        }

        return apis;
    }

    private async Task SpliceAndExpectIncidentsAsync(PlatformApi api, LiveHlsServer hls, List<int> streams, List<int> splicedSoFar)
    {
        foreach (var stream in streams)
        {
            hls.Splice(stream, SpliceSeconds);
        }

        var spliced = Stopwatch.StartNew();
        foreach (var stream in streams)
        {
            await Poll.UntilAsync(() => api.IncidentsOfAsync(Id(stream)), list => list.Count > 0, $"an incident on {Id(stream)}");
        }

        output.WriteLine($"incidents on {string.Join(", ", streams.Select(Id))} within {spliced.Elapsed.TotalSeconds:F0} s of the splice");
        await ExpectExactlyOneIncidentEachAsync(api, hls, splicedSoFar);
    }

    // Once the pictures are long gone from every stream, each spliced stream has exactly one incident and no other
    // stream has any: none lost to a crash, none opened twice by a retried batch or a second worker.
    private static async Task ExpectExactlyOneIncidentEachAsync(PlatformApi api, LiveHlsServer hls, List<int> spliced)
    {
        var settled = hls.LiveEdge + SpliceSeconds + 10;
        await Poll.UntilAsync(() => Task.FromResult(hls.LiveEdge), edge => edge >= settled, "the spliced segments to pass");
        using var response = await api.GetAsync("/api/v1/incidents?max=1000");
        response.EnsureSuccessStatusCode();
        var incidents = ((JsonArray)(await PlatformApi.ReadAsync(response))!).Select(i => (string)i!["streamId"]!).ToList();
        Assert.Equal(spliced.Select(Id).Order(StringComparer.Ordinal), incidents.Order(StringComparer.Ordinal));
    }

    private static async Task<Dictionary<int, long>> FramesAsync(PlatformApi api, List<int> streams)
    {
        var frames = new Dictionary<int, long>();
        foreach (var stream in streams)
        {
            var status = await Poll.UntilAsync(() => api.StreamAsync(Id(stream)), s => s is not null, $"{Id(stream)} to answer");
            frames[stream] = (long?)status!["monitor"]?["framesReceived"] ?? 0;
        }

        return frames;
    }

    // Live, and (after a crash) sampled again: more frames than before it, by a worker other than the dead one.
    private static async Task AllFollowedAsync(PlatformApi api, List<int> streams, (Dictionary<int, long> Frames, string? DeadWorker)? after, string what)
    {
        var pending = new HashSet<int>(streams);
        await Poll.UntilAsync(
            async () =>
            {
                foreach (var stream in pending.ToList())
                {
                    var status = await api.StreamAsync(Id(stream));
                    var ingest = status?["ingest"];
                    var frames = (long?)status?["monitor"]?["framesReceived"] ?? 0;
                    var live = (string?)ingest?["state"] == "Live";
                    var resumed = after is not { } a || (frames > a.Frames[stream] + 2 && (string?)ingest?["workerId"] != a.DeadWorker);
                    if (live && resumed)
                    {
                        pending.Remove(stream);
                    }
                }

                return string.Join(", ", pending.Order().Select(Id));
            },
            left => left.Length == 0,
            what,
            TimeSpan.FromMinutes(4));
    }
}
