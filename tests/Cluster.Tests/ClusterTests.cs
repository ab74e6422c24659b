using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using LiveWatch.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LiveWatch.Cluster.Tests;

/// <summary>
/// Several silos as one LiveWatch: any silo's API serves the same streams, a crashed silo's streams carry on elsewhere
/// with their risk state, a Redis outage is reported and loses nothing, tenants stay apart whichever silo answers.
/// </summary>
[Collection(ClusterGroup.Name)]
public sealed class ClusterTests(ClusterFixture cluster, ITestOutputHelper output) : IAsyncLifetime
{
    public Task InitializeAsync() => cluster.EnsureAllRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_stream_registered_and_fed_through_one_silo_reads_the_same_through_the_other()
    {
        var token = await cluster.CreateTenantAsync("same-data");
        var (a, b) = (new PlatformApi(cluster.Silos[0], token), new PlatformApi(cluster.Silos[1], token));

        Assert.Equal(HttpStatusCode.Created, (await a.RegisterStreamAsync("s1")).StatusCode);
        var level = await a.PushUntilAlertAsync("s1", "r1");
        var throughA = (await a.StreamAsync("s1"))!;
        var throughB = (await b.StreamAsync("s1"))!;

        Assert.Equal("Alert", level);
        // The score decays with time, so it is the one value two reads a moment apart may differ in.
        throughA["monitor"]!.AsObject().Remove("score");
        throughB["monitor"]!.AsObject().Remove("score");
        Assert.Equal(throughA.ToJsonString(), throughB.ToJsonString());
        var incidents = await b.IncidentsOfAsync("s1");
        Assert.Single(incidents);
        Assert.Equal((string?)throughA["monitor"]!["openIncidentId"], (string?)incidents[0]!["id"]);
        using var list = await b.GetAsync("/api/v1/streams");
        Assert.Contains("\"s1\"", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_kill_9_of_its_silo_a_stream_reactivates_on_the_other_with_its_persisted_risk_state()
    {
        var token = await cluster.CreateTenantAsync("crash");
        var apis = cluster.Silos.Select(s => new PlatformApi(s, token)).ToList();
        Assert.Equal(HttpStatusCode.Created, (await apis[0].RegisterStreamAsync("s1")).StatusCode);
        await apis[0].PushUntilAlertAsync("s1", "r1");
        var before = (await apis[0].StreamAsync("s1"))!["monitor"]!;

        var host = cluster.HostOf("crash", "s1");
        var survivor = apis.Single(api => api.Silo != host);
        host.Crash();
        var crashed = Stopwatch.StartNew();

        // Calls to the dead silo's grains fail until membership declares it dead; then the grain reactivates on the
        // survivor from its last persisted state.
        await Poll.UntilAsync(() => cluster.Redis.IsDeclaredDeadAsync(host.SiloPort), dead => dead, $"membership to declare silo {host.Index} dead");
        var declaredDeadAfter = crashed.Elapsed;
        var after = await Poll.UntilAsync(() => survivor.StreamAsync("s1"), s => s is not null, "the stream to answer through the surviving silo");

        // Figures for the operations guide, never asserted: they depend on the machine.
        output.WriteLine($"silo {host.Index} crashed: declared dead after {declaredDeadAfter.TotalSeconds:F1} s, stream answering after {crashed.Elapsed.TotalSeconds:F1} s");
        var monitor = after!["monitor"]!;
        Assert.Equal((string?)before["level"], (string?)monitor["level"]);
        Assert.Equal((long)before["framesReceived"]!, (long)monitor["framesReceived"]!);
        Assert.Equal((long)before["framesMatched"]!, (long)monitor["framesMatched"]!);
        Assert.Equal((string?)before["openIncidentId"], (string?)monitor["openIncidentId"]);

        // And it keeps working there: the next frame is counted once, on top of the state that survived.
        using var push = await survivor.PushHashesAsync("s1", "r2", (1, ClusterFixture.UnknownHash));
        Assert.Equal(HttpStatusCode.OK, push.StatusCode);
        var next = (await survivor.StreamAsync("s1"))!["monitor"]!;
        Assert.Equal((long)before["framesReceived"]! + 1, (long)next["framesReceived"]!);
        Assert.Single(await survivor.IncidentsOfAsync("s1"));
    }

    [Fact]
    public async Task During_a_Redis_outage_silos_are_not_ready_and_a_push_that_opens_an_incident_is_recorded_once_after_it()
    {
        var token = await cluster.CreateTenantAsync("outage");
        var (a, b) = (new PlatformApi(cluster.Silos[0], token), new PlatformApi(cluster.Silos[1], token));
        Assert.Equal(HttpStatusCode.Created, (await a.RegisterStreamAsync("s1")).StatusCode);
        using (var first = await a.PushHashesAsync("s1", "r1", (1, ClusterFixture.UnknownHash)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await cluster.Redis.StopAsync();
        var outage = Stopwatch.StartNew();
        foreach (var silo in cluster.Silos)
        {
            await Poll.UntilAsync(silo.ReadinessAsync, s => s == HttpStatusCode.ServiceUnavailable, $"silo {silo.Index} to report not ready without Redis");
        }

        // Two matches: enough to open an incident. Persisting the stream's state needs Redis, so this fails (503, with
        // a problem saying so) or, if Redis is back before the client library gives up, succeeds: both are allowed.
        (long, string)[] batch = [(2, ClusterFixture.KnownHash), (3, ClusterFixture.KnownHash)];
        HttpStatusCode duringOutage;
        using (var push = await a.PushHashesAsync("s1", "r1", batch))
        {
            duringOutage = push.StatusCode;
            output.WriteLine($"push during the outage answered {(int)push.StatusCode}: {await push.Content.ReadAsStringAsync()}");
            Assert.True(push.IsSuccessStatusCode || push.StatusCode == HttpStatusCode.ServiceUnavailable, $"unexpected {(int)push.StatusCode}: {await push.Content.ReadAsStringAsync()}");
            if (!push.IsSuccessStatusCode)
            {
                // Clearly: a problem that says what is down and that the retry is safe, and when to retry.
                Assert.Contains("Redis", (string?)(await PlatformApi.ReadAsync(push))!["title"], StringComparison.Ordinal);
                Assert.NotNull(push.Headers.RetryAfter);
            }
        }

        // An outage of about ten seconds, however quickly the above went.
        var downFor = outage.Elapsed;
        if (downFor < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(TimeSpan.FromSeconds(10) - downFor);
        }

        output.WriteLine($"push during the outage: {(int)duringOutage}; Redis down for {outage.Elapsed.TotalSeconds:F1} s");
        await cluster.Redis.StartAsync();
        foreach (var silo in cluster.Silos)
        {
            await Poll.UntilAsync(silo.ReadinessAsync, s => s == HttpStatusCode.OK, $"silo {silo.Index} to report ready once Redis is back");
        }

        // The platform retries the same run and sequences until it gets an answer: safe, because repeats are ignored.
        var retried = await Poll.UntilAsync(
            async () =>
            {
                using var push = await a.PushHashesAsync("s1", "r1", batch);
                return push.IsSuccessStatusCode ? await PlatformApi.ReadAsync(push) : null;
            },
            answer => answer is not null,
            "the retried push to succeed");

        Assert.Equal("Alert", (string?)retried!["level"]);
        var monitor = (await b.StreamAsync("s1"))!["monitor"]!;
        Assert.Equal(3L, (long)monitor["framesReceived"]!);
        Assert.Equal(2L, (long)monitor["framesMatched"]!);
        var incidents = await b.IncidentsOfAsync("s1");
        var incident = Assert.Single(incidents);
        using var detail = await b.GetAsync($"/api/v1/incidents/{(string?)incident!["id"]}");
        var matches = (JsonArray)(await PlatformApi.ReadAsync(detail))!["matches"]!;
        Assert.Equal([2L, 3L], matches.Select(m => (long)m!["frameSequence"]!).Order().ToArray());
    }

    [Fact]
    public async Task During_a_PostgreSQL_outage_silos_are_not_ready_and_a_push_that_opens_an_incident_is_recorded_once_after_it()
    {
        var token = await cluster.CreateTenantAsync("pg-outage");
        var (a, b) = (new PlatformApi(cluster.Silos[0], token), new PlatformApi(cluster.Silos[1], token));
        Assert.Equal(HttpStatusCode.Created, (await a.RegisterStreamAsync("s1")).StatusCode);
        using (var first = await a.PushHashesAsync("s1", "r1", (1, ClusterFixture.UnknownHash)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await cluster.Postgres.StopAsync();
        var outage = Stopwatch.StartNew();
        foreach (var silo in cluster.Silos)
        {
            await Poll.UntilAsync(silo.ReadinessAsync, s => s == HttpStatusCode.ServiceUnavailable, $"silo {silo.Index} to report not ready without PostgreSQL");
        }

        // Two matches open an incident, which must be written to the store before anyone is told: without the store the
        // grain rolls back and leaves the batch unacknowledged, and the platform hears that a retry is safe.
        (long, string)[] batch = [(2, ClusterFixture.KnownHash), (3, ClusterFixture.KnownHash)];
        using (var push = await a.PushHashesAsync("s1", "r1", batch))
        {
            output.WriteLine($"push during the outage answered {(int)push.StatusCode}: {await push.Content.ReadAsStringAsync()}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, push.StatusCode);
            Assert.Contains("moderation store", (string?)(await PlatformApi.ReadAsync(push))!["title"], StringComparison.Ordinal);
            Assert.NotNull(push.Headers.RetryAfter);
        }

        var downFor = outage.Elapsed;
        if (downFor < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(TimeSpan.FromSeconds(10) - downFor);
        }

        output.WriteLine($"PostgreSQL down for {outage.Elapsed.TotalSeconds:F1} s");
        await cluster.Postgres.StartAgainAsync();
        foreach (var silo in cluster.Silos)
        {
            await Poll.UntilAsync(silo.ReadinessAsync, s => s == HttpStatusCode.OK, $"silo {silo.Index} to report ready once PostgreSQL is back");
        }

        var retried = await Poll.UntilAsync(
            async () =>
            {
                using var push = await a.PushHashesAsync("s1", "r1", batch);
                return push.IsSuccessStatusCode ? await PlatformApi.ReadAsync(push) : null;
            },
            answer => answer is not null,
            "the retried push to succeed");

        Assert.Equal("Alert", (string?)retried!["level"]);
        var incidents = await b.IncidentsOfAsync("s1");
        var incident = Assert.Single(incidents);
        using var detail = await b.GetAsync($"/api/v1/incidents/{(string?)incident!["id"]}");
        var matches = (JsonArray)(await PlatformApi.ReadAsync(detail))!["matches"]!;
        Assert.Equal([2L, 3L], matches.Select(m => (long)m!["frameSequence"]!).Order().ToArray());
    }

    [Fact]
    public async Task A_tenant_never_sees_another_tenants_stream_whichever_silo_answers()
    {
        var (ownerToken, otherToken) = (await cluster.CreateTenantAsync("owner"), await cluster.CreateTenantAsync("other"));
        var owner = new PlatformApi(cluster.Silos[0], ownerToken);
        var other = new PlatformApi(cluster.Silos[1], otherToken);
        Assert.Equal(HttpStatusCode.Created, (await owner.RegisterStreamAsync("shared-name")).StatusCode);
        using (var push = await owner.PushHashesAsync("shared-name", "r1", (1, ClusterFixture.UnknownHash)))
        {
            Assert.Equal(HttpStatusCode.OK, push.StatusCode);
        }

        using (var get = await other.GetAsync("/api/v1/streams/shared-name"))
        {
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        }

        using (var push = await other.PushHashesAsync("shared-name", "r1", (2, ClusterFixture.UnknownHash)))
        {
            Assert.Equal(HttpStatusCode.NotFound, push.StatusCode);
        }

        // The same name is the other tenant's own, separate stream.
        Assert.Equal(HttpStatusCode.Created, (await other.RegisterStreamAsync("shared-name")).StatusCode);
        Assert.Equal(0L, (long?)(await other.StreamAsync("shared-name"))!["monitor"]!["framesReceived"] ?? 0);
        Assert.Equal(1L, (long)(await new PlatformApi(cluster.Silos[1], ownerToken).StreamAsync("shared-name"))!["monitor"]!["framesReceived"]!);
        Assert.Empty(await other.IncidentsOfAsync("shared-name"));
    }
}
