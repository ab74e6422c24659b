using LiveWatch.Contracts.Incidents;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Streams;
using LiveWatch.Ingest.Sampling;
using Microsoft.Extensions.Logging;

namespace LiveWatch.Ingest.Workers;

/// <summary>
/// Answers the grain's evidence requests from the stream's preview ring: sends the incident the frames of the asked
/// window it has not sent yet, one upload at a time and off the delivery path (frames keep flowing meanwhile). The grain
/// keeps asking until the window is covered, and the incident ignores frames it already holds, so a failed upload is
/// simply retried by the next request.
/// </summary>
internal sealed partial class EvidenceUploader(StreamKey stream, PreviewRing ring, WorkerContext context, ILogger logger)
{
    // An incident's evidence is bounded by the incident grain; this bound only keeps the worker's memory of what it sent small.
    private const int MaxRememberedIncidents = 16;

    private readonly Dictionary<Guid, HashSet<long>> _sent = [];
    private readonly object _gate = new();
    private Task _upload = Task.CompletedTask;

    /// <summary>Starts an upload for <paramref name="request"/> unless one is running (the next request catches up).</summary>
    public void Request(EvidenceRequest request)
    {
        lock (_gate)
        {
            if (!_upload.IsCompleted)
            {
                return;
            }

            _upload = UploadAsync(request);
        }
    }

    /// <summary>Waits for a running upload (when the stream stops).</summary>
    public Task DrainAsync()
    {
        lock (_gate)
        {
            return _upload;
        }
    }

    private async Task UploadAsync(EvidenceRequest request)
    {
        await Task.Yield();
        try
        {
            HashSet<long> sent;
            lock (_gate)
            {
                if (!_sent.TryGetValue(request.IncidentId, out sent!))
                {
                    if (_sent.Count == MaxRememberedIncidents)
                    {
                        _sent.Remove(_sent.Keys.First());
                    }

                    _sent[request.IncidentId] = sent = [];
                }
            }

            var frames = ring.Between(request.FromStreamSeconds, request.ToStreamSeconds)
                .Where(f => !sent.Contains(f.Sequence))
                .Select(static f => new EvidenceFrame(f.Sequence, f.StreamSeconds, f.CapturedAt, f.Width, f.Height, f.Jpeg))
                .ToList();
            if (frames.Count == 0)
            {
                return;
            }

            var added = await context.Grains.GetGrain<IIncidentGrain>(request.IncidentId).AttachEvidenceFramesAsync(frames).ConfigureAwait(false);
            lock (_gate)
            {
                sent.UnionWith(frames.Select(static f => f.Sequence));
            }

            context.Metrics.EvidenceFramesSent.Add(added);
            LogUploaded(stream, request.IncidentId, added, frames.Count);
        }
#pragma warning disable CA1031 // Evidence upload is retried by the grain's next request; it must not stop the stream.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogUploadFailed(stream, request.IncidentId, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Stream}: sent incident {Incident} {Added} new preview frames ({Sent} sent)")]
    private partial void LogUploaded(StreamKey stream, Guid incident, int added, int sent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Stream}: evidence upload for incident {Incident} failed; the next request retries: {Error}")]
    private partial void LogUploadFailed(StreamKey stream, Guid incident, string error);
}
