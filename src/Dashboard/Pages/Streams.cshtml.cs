using LiveWatch.Contracts.Scheduling;
using LiveWatch.Contracts.Streams;
using LiveWatch.Dashboard.Streams;
using LiveWatch.Storage.Accounts;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using Microsoft.AspNetCore.Mvc;

namespace LiveWatch.Dashboard.Pages;

/// <summary>The streams of the user's tenants with risk level, ingest state, frames/s, last frame; a Lead stops monitoring.</summary>
public sealed class StreamsModel : DashboardPageModel
{
    private readonly StreamStore _streams;
    private readonly IGrainFactory _grains;
    private readonly StreamRates _rates;
    private readonly AuditLog _audit;

    public StreamsModel(StreamStore streams, IGrainFactory grains, StreamRates rates, AuditLog audit)
    {
        _streams = streams;
        _grains = grains;
        _rates = rates;
        _audit = audit;
    }

    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    public IReadOnlyList<StreamLine> Lines { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var lines = new List<StreamLine>();
        foreach (var tenant in await VisibleTenantsAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var stream in await _streams.ListAsync(tenant, null, cancellationToken).ConfigureAwait(false))
            {
                var ended = stream.State is StreamState.Stopped or StreamState.Ended or StreamState.Failed;
                if (ended && !All)
                {
                    continue;
                }

                var key = new StreamKey(tenant, stream.StreamId);
                StreamStatus? status = null;
                try
                {
                    status = await _grains.GetGrain<IStreamMonitorGrain>(key.ToGrainKey()).GetStatusAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is TimeoutException or OrleansException)
                {
                    // Shown as unknown.
                }

                var rate = status is null ? null : _rates.Observe(key.ToGrainKey(), status.FramesReceived);
                lines.Add(new StreamLine(stream, status, rate, Access.Has(tenant, DashboardRole.Lead) && !ended));
            }
        }

        Lines = lines.OrderByDescending(l => (int?)l.Status?.Level ?? -1).ThenBy(l => l.Stream.TenantId, StringComparer.Ordinal)
            .ThenBy(l => l.Stream.StreamId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Stops monitoring (and pulling) the stream, as <c>POST /api/v1/streams/{id}/stop</c> does; audited.</summary>
    public async Task<IActionResult> OnPostStopAsync(string tenant, string stream, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(tenant) || Access.RoleIn(tenant) is null || await _streams.GetAsync(tenant, stream, cancellationToken).ConfigureAwait(false) is null)
        {
            return NotFound();
        }

        if (!Access.Has(tenant, DashboardRole.Lead))
        {
            return Denied();
        }

        var key = new StreamKey(tenant, stream);
        await _grains.GetGrain<IStreamMonitorGrain>(key.ToGrainKey()).StopAsync().ConfigureAwait(false);
        await _streams.SetStateAsync(tenant, stream, StreamState.Stopped, cancellationToken).ConfigureAwait(false);
        await _grains.GetGrain<IIngestSchedulerGrain>(IngestScheduler.Key).UnscheduleAsync(key).ConfigureAwait(false);
        await _audit.AppendAsync(tenant, Access.Actor, "stream.stopped", "stream", stream, null, cancellationToken).ConfigureAwait(false);
        Notice = $"Stopped monitoring {stream}.";
        return RedirectToPage();
    }

    public sealed record StreamLine(MonitoredStream Stream, StreamStatus? Status, double? FramesPerSecond, bool MayStop);
}
