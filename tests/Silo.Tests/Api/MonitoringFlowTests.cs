using System.Net;
using System.Net.Http.Json;
using LiveWatch.Silo.Api.Models;

namespace LiveWatch.Silo.Tests.Api;

/// <summary>What a platform does end to end: register, push pictures, canvases and hashes, read the incident.</summary>
[Collection(SharedNode.Name)]
public sealed class MonitoringFlowTests(LiveWatchApiFactory node)
{
    [Fact]
    public async Task A_pushed_png_that_matches_a_bank_opens_an_incident_with_its_match_and_encrypted_evidence()
    {
        var tenant = ApiSteps.NewTenantId("flow");
        using var admin = node.Admin();
        using var platform = await node.NewTenantAsync(tenant);
        var (png, hash) = TestPictures.Png(seed: 1);
        var bank = await admin.CreateBankAsync(tenant);
        await admin.ImportHashesAsync(tenant, bank.Id, hash);
        await platform.RegisterAsync("live-1");

        var ack = await platform.PushUntilAsync("live-1", png, run: "r1");

        Assert.Equal(1, ack.Matched);
        Assert.NotNull(ack.IncidentId);
        Assert.NotEqual("Clear", ack.Level);
        var detail = await (await platform.GetAsync(new Uri($"/api/v1/incidents/{ack.IncidentId}", UriKind.Relative))).ReadAsync<IncidentDetailResponse>();
        var match = Assert.Single(detail.Matches, m => m.Distance == 0);
        Assert.Equal(bank.Id, match.BankId);
        Assert.Equal(hash.ToString(), match.FrameHash);
        Assert.Equal("live-1", detail.Incident.StreamId);
        Assert.NotEmpty(detail.Evidence);
        var list = await (await platform.GetAsync(new Uri("/api/v1/incidents?stream=live-1", UriKind.Relative))).ReadAsync<IncidentResponse[]>();
        Assert.Equal(ack.IncidentId, Assert.Single(list).Id);
    }

    [Fact]
    public async Task Pushed_hashes_match_and_the_stream_status_shows_level_counters_and_incident()
    {
        var tenant = ApiSteps.NewTenantId("hashes");
        using var admin = node.Admin();
        using var platform = await node.NewTenantAsync(tenant);
        var (_, known) = TestPictures.Canvas(7);
        var (_, other) = TestPictures.Canvas(8);
        var bank = await admin.CreateBankAsync(tenant);
        await admin.ImportHashesAsync(tenant, bank.Id, known);
        await platform.RegisterAsync("s");
        await platform.PushUntilAsync("s", TestPictures.Canvas(7).Luma, matched: true, run: "warm-up", TimeSpan.FromSeconds(30));

        var ack = await (await platform.PostAsJsonAsync("/api/v1/streams/s/hashes", new PushHashesRequest("h1",
        [
            new PushedHashRequest(1, other.ToString(), 100),
            new PushedHashRequest(2, known.ToString(), 100),
        ]))).ReadAsync<PushResponse>();

        Assert.Equal(2, ack.Accepted);
        Assert.Equal(1, ack.Matched);
        var stream = await (await platform.GetAsync(new Uri("/api/v1/streams/s", UriKind.Relative))).ReadAsync<StreamResponse>();
        Assert.Equal("Live", stream.State);
        Assert.NotNull(stream.Monitor);
        Assert.Equal(ack.Level, stream.Monitor.Level);
        Assert.Equal(ack.IncidentId, stream.Monitor.OpenIncidentId);
        Assert.True(stream.Monitor.FramesMatched >= 2);
    }

    [Fact]
    public async Task A_retried_push_with_the_same_run_and_sequence_is_ignored_and_out_of_order_frames_are_taken()
    {
        using var platform = await node.NewTenantAsync(ApiSteps.NewTenantId("retry"));
        await platform.RegisterAsync("s");

        var first = await platform.PostCanvasAsync("s", TestPictures.Canvas(1).Luma, "run", 5).PushedAsync();
        var repeat = await platform.PostCanvasAsync("s", TestPictures.Canvas(1).Luma, "run", 5).PushedAsync();
        var earlier = await platform.PostCanvasAsync("s", TestPictures.Canvas(2).Luma, "run", 3).PushedAsync();
        var earlierAgain = await platform.PostCanvasAsync("s", TestPictures.Canvas(2).Luma, "run", 3).PushedAsync();

        Assert.Equal((1, 0), (first.Accepted, first.Repeats));
        Assert.Equal((0, 1), (repeat.Accepted, repeat.Repeats));
        Assert.Equal((1, 0), (earlier.Accepted, earlier.Repeats));
        Assert.Equal((0, 1), (earlierAgain.Accepted, earlierAgain.Repeats));
        var stream = await (await platform.GetAsync(new Uri("/api/v1/streams/s", UriKind.Relative))).ReadAsync<StreamResponse>();
        Assert.Equal(2, stream.Monitor!.FramesReceived);
        Assert.Equal(2, stream.Monitor.Repeats);
    }

    [Fact]
    public async Task A_stopped_stream_refuses_frames_until_it_is_registered_again()
    {
        using var platform = await node.NewTenantAsync(ApiSteps.NewTenantId("stop"));
        await platform.RegisterAsync("s");
        await platform.PostCanvasAsync("s", TestPictures.Canvas(1).Luma, "run", 1).PushedAsync();

        var stopped = await (await platform.PostAsync(new Uri("/api/v1/streams/s/stop", UriKind.Relative), null)).ReadAsync<StreamResponse>();
        var refused = await platform.PostCanvasAsync("s", TestPictures.Canvas(2).Luma, "run", 2);
        var again = await platform.PostAsJsonAsync("/api/v1/streams", new RegisterStreamRequest("s"));
        var resumed = await platform.PostCanvasAsync("s", TestPictures.Canvas(2).Luma, "run", 2).PushedAsync();

        Assert.Equal("Stopped", stopped.State);
        Assert.True(stopped.Monitor!.Stopped);
        Assert.Contains("stopped", await refused.ProblemAsync(HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, resumed.Accepted);
        var stream = await (await platform.GetAsync(new Uri("/api/v1/streams/s", UriKind.Relative))).ReadAsync<StreamResponse>();
        Assert.Equal(2, stream.Monitor!.FramesReceived);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_and_its_bearer_key()
    {
        using var anonymous = node.Client(null);

        var document = await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Contains("\"/api/v1/streams/{streamId}/frames\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/v1/admin/tenants/{tenantId}/banks/{bankId}/import\"", document, StringComparison.Ordinal);
        Assert.Contains("\"bearer\"", document, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_first_operator_key_is_in_a_file_only_its_owner_can_read()
    {
        var mode = File.GetUnixFileMode(Path.Combine(node.DataDirectory, "admin-api-key"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.StartsWith("lw_", node.AdminToken, StringComparison.Ordinal);
    }
}
