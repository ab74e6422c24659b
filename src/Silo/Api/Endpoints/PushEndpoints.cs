using System.Security.Claims;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Streams;
using LiveWatch.Hashing;
using LiveWatch.Silo.Api.Authentication;
using LiveWatch.Silo.Api.Models;
using LiveWatch.Storage;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.Options;

namespace LiveWatch.Silo.Api.Endpoints;

/// <summary>
/// Push mode, for platforms that cannot expose a stream URL: frames (PNG/JPEG pictures or raw luma canvases) or PDQ
/// hashes computed on the platform's side. Each call is one batch to the stream's grain and is answered with its ack;
/// a retried call with the same run and sequences is ignored by the grain, so retries are safe.
/// </summary>
internal static class PushEndpoints
{
    public static RouteGroupBuilder MapPushEndpoints(this RouteGroupBuilder api)
    {
        var streams = api.MapGroup("/streams/{streamId}").WithTags("Push")
            .RequireAuthorization(ApiKeyDefaults.PlatformPolicy)
            .RequireRateLimiting(ApiKeyDefaults.PushRateLimit);
        streams.MapPost("/frames", PushFramesAsync)
            .WithSummary("Push a picture (image/png, image/jpeg) or raw 8-bit luma frames (application/octet-stream, ?width=&height=)")
            .WithDescription("The body is the picture itself. Other content types get 415 with the accepted list (no Accepts metadata: routing's bare 415 would not say why).");
        streams.MapPost("/hashes", PushHashesAsync).WithSummary("Push PDQ hashes computed on the platform's side");
        return api;
    }

    private static async Task<IResult> PushFramesAsync(
        string streamId,
        string? run,
        long? seq,
        int? width,
        int? height,
        DateTimeOffset? capturedAt,
        HttpRequest request,
        ClaimsPrincipal user,
        StreamStore streams,
        IGrainFactory grains,
        PushedPictureDecoder decoder,
        IOptions<ApiOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (key, stream) = await StreamEndpoints.FindAsync(user, streamId, streams, cancellationToken).ConfigureAwait(false);
        RefuseIfStopped(stream);
        var body = await RequestBody.ReadAllAsync(request.HttpContext, options.Value.MaxFrameBodyBytes, cancellationToken).ConfigureAwait(false);
        var pictures = await decoder.DecodeAsync(request.ContentType, body, width, height, cancellationToken).ConfigureAwait(false);

        var (runId, first) = RunAndSequence(run, seq);
        var at = capturedAt ?? time.GetUtcNow();
        var frames = pictures.Select((picture, i) => new SampledFrame(first + i, at, 0, picture)).ToArray();
        var ack = await grains.GetGrain<IStreamMonitorGrain>(key.ToGrainKey()).IngestAsync(new FrameBatch(runId, frames)).ConfigureAwait(false);
        await MarkLiveAsync(streams, stream, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(ack.ToResponse());
    }

    private static async Task<IResult> PushHashesAsync(
        string streamId,
        PushHashesRequest request,
        ClaimsPrincipal user,
        StreamStore streams,
        IGrainFactory grains,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (key, stream) = await StreamEndpoints.FindAsync(user, streamId, streams, cancellationToken).ConfigureAwait(false);
        RefuseIfStopped(stream);
        if (request.Hashes is null || request.Hashes.Count == 0)
        {
            throw new ArgumentException("hashes: at least one hash is needed.", nameof(request));
        }

        var now = time.GetUtcNow();
        var hashes = new PushedHash[request.Hashes.Count];
        for (var i = 0; i < hashes.Length; i++)
        {
            var pushed = request.Hashes[i];
            if (!Hash256.TryParse(pushed.Hash, out var hash, out var error))
            {
                throw new ArgumentException($"hashes[{i}].hash: {error}", nameof(request));
            }

            hashes[i] = new PushedHash(pushed.Sequence, pushed.CapturedAt ?? now, pushed.StreamSeconds, hash, pushed.Quality);
        }

        var ack = await grains.GetGrain<IStreamMonitorGrain>(key.ToGrainKey()).PushHashesAsync(new HashBatch(request.RunId, hashes)).ConfigureAwait(false);
        await MarkLiveAsync(streams, stream, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(ack.ToResponse());
    }

    private static void RefuseIfStopped(MonitoredStream stream)
    {
        if (stream.State == StreamState.Stopped)
        {
            throw new EntityConflictException($"Stream '{stream.StreamId}' is stopped; register it again (POST /api/v1/streams) to resume monitoring.");
        }
    }

    /// <summary>A stream that receives pushes is live; recorded once, on its first push.</summary>
    private static async Task MarkLiveAsync(StreamStore streams, MonitoredStream stream, CancellationToken cancellationToken)
    {
        if (stream.State == StreamState.Registered)
        {
            await streams.SetStateAsync(stream.TenantId, stream.StreamId, StreamState.Live, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Without <c>run</c> and <c>seq</c> a call gets a run of its own, so nothing is deduplicated: clients that retry
    /// must send both.
    /// </summary>
    private static (string RunId, long FirstSequence) RunAndSequence(string? run, long? seq)
    {
        if (run is null != seq is null)
        {
            throw new ArgumentException("run and seq go together: send both (to make retries safe) or neither.");
        }

        if (seq < 0)
        {
            throw new ArgumentException($"seq must not be negative, got {seq}.");
        }

        return run is null ? ($"http-{Guid.NewGuid():N}", 0) : (run, seq!.Value);
    }
}
