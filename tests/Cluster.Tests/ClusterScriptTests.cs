using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using LiveWatch.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LiveWatch.Cluster.Tests;

/// <summary>
/// <c>scripts/cluster.sh</c> exactly as docs/operations.md shows it (start N --workers M, status, restart I, stop): the
/// cluster it starts works, keeps a stream's state across a silo's restart, and leaves no process behind when stopped.
/// </summary>
public sealed class ClusterScriptTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ClusterScript _script = new(Path.Combine(Path.GetTempPath(), $"livewatch-cluster-script-{Guid.NewGuid():N}"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Whatever happened above, nothing of this cluster outlives the test.
        if (Directory.Exists(_script.Directory))
        {
            await _script.RunAsync("stop", "--clean");
        }
    }

    [Fact]
    public async Task The_script_starts_two_silos_and_a_worker_that_open_an_incident_keep_state_across_a_restart_and_stops_every_process()
    {
        output.WriteLine(await _script.RunAsync("start", "2", "--workers", "1"));
        var settings = await _script.SettingsAsync();
        var status = await _script.RunAsync("status");
        output.WriteLine(status);
        Assert.Matches(@"redis\s+running", status);
        Assert.Matches(@"postgresql\s+running", status);
        Assert.Matches(@"silo-1\s+running .* ready: yes", status);
        Assert.Matches(@"silo-2\s+running .* ready: yes", status);
        Assert.Matches(@"worker-1\s+running", status);

        // The operator's key and address from cluster.env, as the guide's curl walkthrough uses them.
        var silos = new[] { 1, 2 }.Select(i => new HttpClient { BaseAddress = new Uri(settings[$"SILO_{i}_HTTP"]), Timeout = TimeSpan.FromSeconds(60) }).ToList();
        try
        {
            var admin = new PlatformApi(silos[0], (await File.ReadAllTextAsync(settings["LIVEWATCH_ADMIN_KEY_FILE"])).Trim());
            await ExpectCreatedAsync(admin.PostAsync("/api/v1/admin/tenants", new JsonObject { ["id"] = "ops", ["name"] = "Ops" }));
            var key = await ExpectCreatedAsync(admin.PostAsync("/api/v1/admin/tenants/ops/keys", new JsonObject { ["name"] = "tests" }));
            var bank = await ExpectCreatedAsync(admin.PostAsync("/api/v1/admin/banks", new JsonObject { ["name"] = "known" }));
            await ExpectCreatedAsync(admin.PostAsync($"/api/v1/admin/banks/{bank["id"]}/entries", new JsonObject { ["hash"] = await LiveClusterFixture.PictureHashAsync() }));

            // The stand-alone worker joined the cluster: the scheduler (a grain on one of the silos) hears its heartbeats.
            await Poll.UntilAsync(
                async () =>
                {
                    using var ingest = await admin.GetAsync("/api/v1/admin/ingest");
                    return await ingest.Content.ReadAsStringAsync();
                },
                view => view.Contains("\"worker-1\"", StringComparison.Ordinal),
                "worker-1 to heartbeat to the scheduler");

            // The script's synthetic load: the load tool as an Orleans client of this cluster, batches of frames to
            // stream grains of its own tenant, paced, through whichever silo holds each grain.
            var load = await _script.RunAsync("load", "--streams", "20", "--seconds", "3", "--warmup", "1", "--bank-size", "1000", "--rate", "160");
            output.WriteLine(load);
            Assert.Contains("errors: 0", load, StringComparison.Ordinal);
            Assert.Matches(@"\d+ frames/s", load);

            // A platform pushes the bank picture as a stream's first frame: an incident opens. Each attempt is a new
            // stream, so a frame pushed before every silo's bank replica held the hash cannot stand in for the next.
            var platforms = silos.Select(s => new PlatformApi(s, (string)key["token"]!)).ToList();
            var attempt = 0;
            var stream = string.Empty;
            await Poll.UntilAsync(
                async () =>
                {
                    stream = $"cam-{(++attempt).ToString(CultureInfo.InvariantCulture)}";
                    await ExpectCreatedAsync(platforms[attempt % 2].RegisterStreamAsync(stream));
                    using var push = await platforms[attempt % 2].PushPictureAsync(stream, "r1", 1, LiveClusterFixture.Picture);
                    return push.IsSuccessStatusCode ? (string?)(await PlatformApi.ReadAsync(push))!["incidentId"] : null;
                },
                incident => incident is not null,
                "a pushed bank picture to open an incident");
            var before = (await platforms[0].StreamAsync(stream))!["monitor"]!;

            // `restart I` of the silo whose log shows it opened the incident (it ran the stream's grain): the state moves.
            var host = new[] { 1, 2 }.Single(i => File.ReadAllText(Path.Combine(_script.Directory, $"silo-{i}", "silo.log")).Contains($"Stream ops/{stream}: opening incident", StringComparison.Ordinal));
            var oldPid = int.Parse(settings[$"SILO_{host}_PID"], CultureInfo.InvariantCulture);
            output.WriteLine(await _script.RunAsync("restart", host.ToString(CultureInfo.InvariantCulture)));
            Assert.False(ClusterScript.Alive(oldPid), $"silo {host}'s previous process {oldPid} still runs after the restart");
            settings = await _script.SettingsAsync();
            Assert.NotEqual(oldPid.ToString(CultureInfo.InvariantCulture), settings[$"SILO_{host}_PID"]);

            var after = (await platforms[host % 2].StreamAsync(stream))!["monitor"]!;
            Assert.Equal((string?)before["level"], (string?)after["level"]);
            Assert.Equal((long)before["framesReceived"]!, (long)after["framesReceived"]!);
            Assert.Equal((string?)before["openIncidentId"], (string?)after["openIncidentId"]);
            using (var next = await platforms[host % 2].PushPictureAsync(stream, "r1", 2, LiveClusterFixture.Picture))
            {
                Assert.Equal(HttpStatusCode.OK, next.StatusCode);
            }

            Assert.Equal((long)before["framesReceived"]! + 1, (long)(await platforms[0].StreamAsync(stream))!["monitor"]!["framesReceived"]!);
            Assert.Single(await platforms[1].IncidentsOfAsync(stream));
        }
        finally
        {
            silos.ForEach(s => s.Dispose());
        }

        output.WriteLine(await _script.RunAsync("stop"));
        string[] pids = ["REDIS_PID", "PG_PID", "SILO_1_PID", "SILO_2_PID", "WORKER_1_PID"];
        Assert.All(pids, name => Assert.False(ClusterScript.Alive(int.Parse(settings[name], CultureInfo.InvariantCulture)), $"{name} {settings[name]} still runs after stop"));
        Assert.Empty(ChildProcesses.Find(_script.Directory));
        Assert.DoesNotMatch(@"\brunning\b", await _script.RunAsync("status"));
    }

    private static async Task<JsonNode> ExpectCreatedAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }
}
