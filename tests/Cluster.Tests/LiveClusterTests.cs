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
    public async Task Fifty_live_streams_open_each_incident_once_across_a_kill_9_of_a_silo_then_of_a_worker()
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

            // The silo alone: grains it ran reactivate elsewhere from their persisted state at the next call, and the
            // workers retry the batches that failed meanwhile. Every stream must be sampled again (more frames).
            var silo = cluster.Silos[1];
            var survivor = apis.Single(a => a.Silo == cluster.Silos[0]);
            var before = await FramesAsync(survivor, all);
            silo.Crash();
            var crashed = Stopwatch.StartNew();
            var declaredDead = DeclaredDeadAsync(silo, crashed);
            var resumed = await AllFollowedAsync(survivor, all, (before, null), "every stream sampled again after the silo's crash", crashed);
            output.WriteLine($"kill -9 of silo {silo.Index}: declared dead after {(await declaredDead).TotalSeconds:F1} s; every stream Live with new frames after {Spread(resumed)} (issue 6: 30 s)");

            var secondWave = Enumerable.Range(5, 5).ToList();
            await SpliceAndExpectIncidentsAsync(survivor, hls, secondWave, [.. firstWave, .. secondWave]);

            // Then the worker alone: its leases expire and the other worker takes its streams.
            var worker = cluster.Workers[0];
            var itsStreams = 0;
            foreach (var stream in all)
            {
                itsStreams += (string?)(await survivor.StreamAsync(Id(stream)))?["ingest"]?["workerId"] == worker.WorkerId ? 1 : 0;
            }

            before = await FramesAsync(survivor, all);
            worker.Crash();
            crashed.Restart();
            resumed = await AllFollowedAsync(survivor, all, (before, worker.WorkerId), "every stream sampled again, by the other worker, after the worker's crash", crashed);
            output.WriteLine($"kill -9 of {worker.WorkerId} (following {itsStreams} streams): every stream Live with new frames on the other worker after {Spread(resumed)} (issue 6: 20 s)");

            var thirdWave = Enumerable.Range(10, 5).ToList();
            await SpliceAndExpectIncidentsAsync(survivor, hls, thirdWave, [.. firstWave, .. secondWave, .. thirdWave]);
        }
        finally
        {
            await StopAllAsync(cluster, apis, all);
        }
    }

    [Fact]
    public async Task Live_streams_ride_out_a_PostgreSQL_then_a_Redis_outage_and_a_picture_shown_during_each_opens_one_incident()
    {
        const int streams = 10;
        using var hls = await LiveHlsServer.StartAsync(Path.Combine(cluster.Root, "hls-outage"), LiveClusterFixture.Picture, seconds: 600);
        var apis = await RegisterAsync("outage", hls, streams);
        var all = Enumerable.Range(0, streams).ToList();
        try
        {
            await AllFollowedAsync(apis[0], all, null, "all ten streams Live");
            await OutageAsync(apis[0], hls, all, 0, "PostgreSQL", cluster.Postgres.StopAsync, cluster.Postgres.StartAgainAsync, [0]);
            await OutageAsync(apis[0], hls, all, 1, "Redis", cluster.Redis.StopAsync, cluster.Redis.StartAsync, [0, 1]);
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

    // A store down for about ten seconds while one stream shows the bank picture: every silo reports not ready; once
    // it is back, the incident is there exactly once, every stream is sampled again and the others have none.
    private async Task OutageAsync(PlatformApi api, LiveHlsServer hls, List<int> all, int stream, string store, Func<Task> stop, Func<Task> start, List<int> spliced)
    {
        var before = await FramesAsync(api, all);
        hls.Splice(stream, SpliceSeconds);
        await stop();
        var outage = Stopwatch.StartNew();
        try
        {
            foreach (var silo in cluster.Silos)
            {
                await Poll.UntilAsync(silo.ReadinessAsync, s => s == HttpStatusCode.ServiceUnavailable, $"silo {silo.Index} to report not ready without {store}");
            }

            var downFor = outage.Elapsed;
            if (downFor < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(TimeSpan.FromSeconds(10) - downFor);
            }
        }
        finally
        {
            await start();
        }

        var down = outage.Elapsed;
        var back = Stopwatch.StartNew();
        foreach (var silo in cluster.Silos)
        {
            await Poll.UntilAsync(silo.ReadinessAsync, s => s == HttpStatusCode.OK, $"silo {silo.Index} to report ready once {store} is back");
        }

        var ready = back.Elapsed;
        await Poll.UntilAsync(() => api.IncidentsOfAsync(Id(stream)), list => list.Count > 0, $"an incident on {Id(stream)} after the {store} outage");
        var incident = back.Elapsed;
        var resumed = await AllFollowedAsync(api, all, (before, null), $"every stream sampled again after the {store} outage", back);
        output.WriteLine($"{store} down {down.TotalSeconds:F0} s while {Id(stream)} showed the picture; after it came back: every silo ready "
            + $"{ready.TotalSeconds:F0} s, the incident {incident.TotalSeconds:F0} s, every stream Live with new frames {Spread(resumed)}");
        await ExpectExactlyOneIncidentEachAsync(api, hls, spliced);
    }

    private static string Spread(List<TimeSpan> resumed) =>
        $"{resumed[^1].TotalSeconds:F0} s (first stream {resumed[0].TotalSeconds:F0} s, median {resumed[resumed.Count / 2].TotalSeconds:F0} s)";

    private async Task<TimeSpan> DeclaredDeadAsync(SiloProcess silo, Stopwatch crashed)
    {
        await Poll.UntilAsync(() => cluster.Redis.IsDeclaredDeadAsync(silo.SiloPort), dead => dead, $"membership to declare silo {silo.Index} dead");
        return crashed.Elapsed;
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

    // One moment's frame counts (all streams at once, not over fifty calls in a row), the "before" of a crash.
    private static async Task<Dictionary<int, long>> FramesAsync(PlatformApi api, List<int> streams)
    {
        var frames = await Task.WhenAll(streams.Select(async stream =>
        {
            var status = await Poll.UntilAsync(() => api.StreamAsync(Id(stream)), s => s is not null, $"{Id(stream)} to answer");
            return (stream, Frames: (long?)status!["monitor"]?["framesReceived"] ?? 0);
        }));
        return frames.ToDictionary(f => f.stream, f => f.Frames);
    }

    // Live, and (after a crash or an outage) sampled again: more frames than before it, by a worker other than the dead
    // one. Each stream is watched on its own, so that a call stuck on a dead silo holds up only that stream's answer
    // and the caller's clock stops within a second of the last stream resuming. On failure, what the workers said
    // about the streams still pending is the diagnosis.
    // Returns when each stream was seen resumed, on the caller's clock, earliest first.
    private async Task<List<TimeSpan>> AllFollowedAsync(PlatformApi api, List<int> streams, (Dictionary<int, long> Frames, string? DeadWorker)? after, string what, Stopwatch? clock = null)
    {
        clock ??= Stopwatch.StartNew();
        var pending = new HashSet<int>(streams);
        try
        {
            var resumed = await Task.WhenAll(streams.Select(async stream =>
            {
                await Poll.UntilAsync(
                    async () =>
                    {
                        var status = await api.StreamAsync(Id(stream));
                        var ingest = status?["ingest"];
                        var frames = (long?)status?["monitor"]?["framesReceived"] ?? 0;
                        var state = (string?)ingest?["state"];
                        var worker = (string?)ingest?["workerId"];
                        var moved = after is not { } a || (frames > a.Frames[stream] + 2 && worker != a.DeadWorker);
                        return (Done: state == "Live" && moved, Seen: $"{state} on {worker}, {frames} frames");
                    },
                    seen => seen.Done,
                    $"{what} ({Id(stream)})",
                    TimeSpan.FromMinutes(4),
                    TimeSpan.FromSeconds(1));
                lock (pending)
                {
                    pending.Remove(stream);
                }

                return clock.Elapsed;
            }));
            return [.. resumed.Order()];
        }
        catch (TimeoutException)
        {
            foreach (var worker in cluster.Workers)
            {
                output.WriteLine($"{worker.WorkerId} on {string.Join(", ", pending.Select(Id))}:");
                foreach (var line in worker.Output.Where(l => pending.Any(s => l.Contains($"/{Id(s)}", StringComparison.Ordinal))).TakeLast(40))
                {
                    output.WriteLine(line);
                }
            }

            throw;
        }
    }
}
