using System.Net;
using System.Net.Http.Json;
using LiveWatch.Silo.Api.Models;

namespace LiveWatch.Silo.Tests.Api;

/// <summary>Each kind of bad input gets a problem that says what was wrong and where, and nothing accepted is lost.</summary>
[Collection(SharedNode.Name)]
public sealed class BadInputTests(LiveWatchApiFactory node)
{
    [Fact]
    public async Task An_unknown_stream_is_404_with_how_to_register_it()
    {
        using var platform = await node.NewTenantAsync(ApiSteps.NewTenantId("unknown"));

        var frames = await platform.PostCanvasAsync("never-registered", TestPictures.Canvas(1).Luma);
        var hashes = await platform.PostAsJsonAsync("/api/v1/streams/never-registered/hashes",
            new PushHashesRequest("r", [new PushedHashRequest(1, TestPictures.Canvas(1).Hash.ToString(), 100)]));

        Assert.Contains("POST /api/v1/streams", await frames.ProblemAsync(HttpStatusCode.NotFound), StringComparison.Ordinal);
        Assert.Contains("'never-registered' is not registered", await hashes.ProblemAsync(HttpStatusCode.NotFound), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_hashes_and_qualities_are_refused_naming_the_entry_and_nothing_of_the_batch_is_counted()
    {
        using var platform = await node.NewTenantAsync(ApiSteps.NewTenantId("badhash"));
        await platform.RegisterAsync("s");
        var good = TestPictures.Canvas(1).Hash.ToString();

        var badHex = await platform.PostAsJsonAsync("/api/v1/streams/s/hashes",
            new PushHashesRequest("r", [new PushedHashRequest(1, good, 100), new PushedHashRequest(2, "xyz", 100)]));
        var badQuality = await platform.PostAsJsonAsync("/api/v1/streams/s/hashes",
            new PushHashesRequest("r", [new PushedHashRequest(3, good, 101)]));
        var noRun = await platform.PostAsJsonAsync("/api/v1/streams/s/hashes",
            new PushHashesRequest(" ", [new PushedHashRequest(4, good, 100)]));

        Assert.Contains("hashes[1].hash", await badHex.ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("quality 101", await badQuality.ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("run id", await noRun.ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        var stream = await (await platform.GetAsync(new Uri("/api/v1/streams/s", UriKind.Relative))).ReadAsync<StreamResponse>();
        Assert.Equal(0, stream.Monitor!.FramesReceived);
    }

    [Fact]
    public async Task A_body_that_is_not_a_picture_is_refused_and_the_stream_keeps_what_it_had()
    {
        using var platform = await node.NewTenantAsync(ApiSteps.NewTenantId("notpic"));
        await platform.RegisterAsync("s");
        await platform.PostCanvasAsync("s", TestPictures.Canvas(1).Luma, "r", 1).PushedAsync();
        var png = TestPictures.Png(seed: 5).Png;

        var text = await platform.PostBytesAsync("/api/v1/streams/s/frames", "hello"u8.ToArray(), "image/png");
        var truncated = await platform.PostBytesAsync("/api/v1/streams/s/frames", png[..40], "image/png");
        var jpegLabelledPng = await platform.PostBytesAsync("/api/v1/streams/s/frames", png, "image/jpeg");
        var gif = await platform.PostBytesAsync("/api/v1/streams/s/frames", png, "image/gif");

        Assert.Contains("not a PNG picture", await text.ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("PNG picture cannot be used", await truncated.ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("not a JPEG picture", await jpegLabelledPng.ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("image/png, image/jpeg", await gif.ProblemAsync(HttpStatusCode.UnsupportedMediaType), StringComparison.Ordinal);
        var stream = await (await platform.GetAsync(new Uri("/api/v1/streams/s", UriKind.Relative))).ReadAsync<StreamResponse>();
        Assert.Equal(1, stream.Monitor!.FramesReceived);
    }

    [Theory]
    [InlineData(0, 0, "cannot be used")]
    [InlineData(100_000, 100_000, "100000x100000")]
    public async Task Pictures_of_no_size_or_absurd_size_are_refused_before_decoding(int width, int height, string reason)
    {
        using var platform = await node.NewTenantAsync(ApiSteps.NewTenantId("size"));
        await platform.RegisterAsync("s");

        var response = await platform.PostBytesAsync("/api/v1/streams/s/frames", PngFiles.WithHeader(width, height), "image/png");

        Assert.Contains(reason, await response.ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raw_frames_must_be_whole_and_a_batch_no_larger_than_the_monitor_takes()
    {
        using var platform = await node.NewTenantAsync(ApiSteps.NewTenantId("raw"));
        await platform.RegisterAsync("s");

        var ragged = await platform.PostBytesAsync("/api/v1/streams/s/frames?width=64&height=64", new byte[4097], "application/octet-stream");
        var tooMany = await platform.PostBytesAsync("/api/v1/streams/s/frames?width=64&height=64", new byte[4096 * 65], "application/octet-stream");
        var runWithoutSeq = await platform.PostBytesAsync("/api/v1/streams/s/frames?run=r", new byte[4096], "application/octet-stream");

        Assert.Contains("got 4097 bytes", await ragged.ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("at most 64 frames", await tooMany.ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("run and seq go together", await runWithoutSeq.ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad id!", null, "stream id")]
    [InlineData("a/b", null, "stream id")]
    [InlineData("ok", "file:///etc/passwd", "sourceUrl")]
    [InlineData("ok", "rtmp://127.0.0.1/live/key", "is loopback")]
    [InlineData("ok", "http://169.254.169.254/latest/meta-data", "link-local")]
    public async Task Registering_a_bad_stream_id_or_source_url_is_refused_naming_the_field(string streamId, string? sourceUrl, string field)
    {
        using var platform = await node.NewTenantAsync(ApiSteps.NewTenantId("reg"));

        var response = await platform.PostAsJsonAsync("/api/v1/streams", new RegisterStreamRequest(streamId, sourceUrl));

        Assert.Contains(field, await response.ProblemAsync(HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_a_live_stream_twice_is_a_conflict()
    {
        using var platform = await node.NewTenantAsync(ApiSteps.NewTenantId("twice"));
        await platform.RegisterAsync("s");

        var again = await platform.PostAsJsonAsync("/api/v1/streams", new RegisterStreamRequest("s"));

        Assert.Contains("already registered", await again.ProblemAsync(HttpStatusCode.Conflict), StringComparison.Ordinal);
    }
}
