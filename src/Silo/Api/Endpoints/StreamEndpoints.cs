using System.Security.Claims;
using LiveWatch.Contracts.Scheduling;
using LiveWatch.Contracts.Streams;
using LiveWatch.Ingest.Sources;
using LiveWatch.Silo.Api.Authentication;
using LiveWatch.Silo.Api.Models;
using LiveWatch.Storage;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;

namespace LiveWatch.Silo.Api.Endpoints;

/// <summary>
/// <c>/api/v1/streams</c>: a platform registers, lists, inspects and stops its streams. The tenant always comes from
/// the API key, and a stream's grain key starts with it, so one platform cannot name another's stream.
/// </summary>
internal static class StreamEndpoints
{
    public static RouteGroupBuilder MapStreamEndpoints(this RouteGroupBuilder api)
    {
        var streams = api.MapGroup("/streams").WithTags("Streams").RequireAuthorization(ApiKeyDefaults.PlatformPolicy);
        streams.MapPost("/", RegisterAsync).WithSummary("Register a stream (or resume a stopped one)");
        streams.MapGet("/", ListAsync).WithSummary("List the platform's streams");
        streams.MapGet("/{streamId}", GetAsync).WithSummary("A stream with its risk level and counters");
        streams.MapPost("/{streamId}/stop", StopAsync).WithSummary("Stop monitoring a stream");
        return api;
    }

    private static async Task<IResult> RegisterAsync(
        RegisterStreamRequest request, ClaimsPrincipal user, StreamStore streams, IGrainFactory grains, SourceUrlPolicy sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = new StreamKey(user.TenantId(), request.StreamId);
        if (request.SourceUrl is not null)
        {
            await sources.CheckAsync(request.SourceUrl, cancellationToken).ConfigureAwait(false);
        }

        var existing = await streams.GetAsync(key.TenantId, key.StreamId, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            // Stopped on request, or a pulled stream whose source ended or failed: registering it again resumes it.
            if (existing.State is not (StreamState.Stopped or StreamState.Ended or StreamState.Failed))
            {
                // A retry after a registration whose scheduling call failed lands here: scheduling is idempotent, so
                // doing it again heals that before the conflict is reported.
                await ScheduleAsync(existing, grains).ConfigureAwait(false);
                throw new EntityConflictException($"Stream '{key.StreamId}' is already registered (state {existing.State}).");
            }

            await grains.GetGrain<IStreamMonitorGrain>(key.ToGrainKey()).ResumeAsync().ConfigureAwait(false);
            var resumed = await streams.SetStateAsync(key.TenantId, key.StreamId, StreamState.Registered, cancellationToken).ConfigureAwait(false);
            await ScheduleAsync(resumed, grains).ConfigureAwait(false);
            return TypedResults.Ok(resumed.ToResponse(null));
        }

        var registered = await streams.RegisterAsync(key.TenantId,
            new StreamRegistration(key.StreamId, request.SourceUrl, request.Channel, request.UserId, request.Title, request.Priority),
            cancellationToken).ConfigureAwait(false);
        await ScheduleAsync(registered, grains).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/streams/{Uri.EscapeDataString(key.StreamId)}", registered.ToResponse(null));
    }

    private static async Task<IResult> ListAsync(string? state, ClaimsPrincipal user, StreamStore streams, CancellationToken cancellationToken)
    {
        var only = ApiMapping.ParseOptionalEnum<StreamState>(state, "state");
        var rows = await streams.ListAsync(user.TenantId(), only, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(rows.Select(s => s.ToResponse(null)).ToArray());
    }

    private static async Task<IResult> GetAsync(
        string streamId, ClaimsPrincipal user, StreamStore streams, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (key, stream) = await FindAsync(user, streamId, streams, cancellationToken).ConfigureAwait(false);
        var status = await grains.GetGrain<IStreamMonitorGrain>(key.ToGrainKey()).GetStatusAsync().ConfigureAwait(false);
        return TypedResults.Ok(stream.ToResponse(status));
    }

    private static async Task<IResult> StopAsync(
        string streamId, ClaimsPrincipal user, StreamStore streams, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (key, _) = await FindAsync(user, streamId, streams, cancellationToken).ConfigureAwait(false);

        // The monitor first: once it refuses frames, the recorded state may say so.
        var monitor = grains.GetGrain<IStreamMonitorGrain>(key.ToGrainKey());
        await monitor.StopAsync().ConfigureAwait(false);
        var stopped = await streams.SetStateAsync(key.TenantId, key.StreamId, StreamState.Stopped, cancellationToken).ConfigureAwait(false);
        await grains.GetGrain<IIngestSchedulerGrain>(IngestScheduler.Key).UnscheduleAsync(key).ConfigureAwait(false);
        return TypedResults.Ok(stopped.ToResponse(await monitor.GetStatusAsync().ConfigureAwait(false)));
    }

    // A pulled stream goes to the ingest scheduler once the store has it (the scheduler rebuilds its set from there).
    // The stored source URL counts: a resumed stream is pulled from where it was registered.
    private static async Task ScheduleAsync(MonitoredStream stream, IGrainFactory grains)
    {
        if (stream.SourceUrl is { } sourceUrl)
        {
            await grains.GetGrain<IIngestSchedulerGrain>(IngestScheduler.Key)
                .ScheduleAsync(new StreamToFollow(new StreamKey(stream.TenantId, stream.StreamId), sourceUrl, stream.Priority)).ConfigureAwait(false);
        }
    }

    /// <summary>The caller's stream, or a 404 that does not say whether another tenant has one of that name.</summary>
    internal static async Task<(StreamKey Key, MonitoredStream Stream)> FindAsync(
        ClaimsPrincipal user, string streamId, StreamStore streams, CancellationToken cancellationToken)
    {
        var key = new StreamKey(user.TenantId(), streamId);
        var stream = await streams.GetAsync(key.TenantId, key.StreamId, cancellationToken).ConfigureAwait(false)
            ?? throw new EntityNotFoundException($"Stream '{streamId}' is not registered; register it with POST /api/v1/streams first.");
        return (key, stream);
    }
}
