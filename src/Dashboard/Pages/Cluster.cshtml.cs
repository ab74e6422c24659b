using LiveWatch.Contracts.Scheduling;
using LiveWatch.Contracts.Streams;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Orleans.Runtime;

namespace LiveWatch.Dashboard.Pages;

/// <summary>
/// The operators' view of the cluster (platform-wide Admins): silos and their membership status, ingest workers with
/// their streams, and per followed stream its ingest state, lag since its last frame and ffmpeg restarts. Orleans' own
/// dashboard (/orleans/) has the grain-level figures.
/// </summary>
[Authorize(Policy = Accounts.DashboardPolicies.Admin)]
public sealed class ClusterModel : DashboardPageModel
{
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;

    public ClusterModel(IGrainFactory grains, TimeProvider time)
    {
        _grains = grains;
        _time = time;
    }

    public IReadOnlyList<SiloLine> Silos { get; private set; } = [];

    public IReadOnlyList<WorkerLine> Workers { get; private set; } = [];

    public IReadOnlyList<StreamKey> Waiting { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!Access.IsPlatformAdmin)
        {
            return Denied();
        }

        Now = _time.GetUtcNow();
        var hosts = await _grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false).ConfigureAwait(false);
        Silos = hosts
            .OrderBy(h => h.Status == SiloStatus.Active ? 0 : 1).ThenBy(h => h.SiloName, StringComparer.Ordinal)
            .Select(h => new SiloLine(h.SiloName, h.SiloAddress.ToString(), h.Status.ToString(), h.StartTime, h.IAmAliveTime))
            .ToList();

        var overview = await _grains.GetGrain<IIngestSchedulerGrain>(IngestScheduler.Key).GetOverviewAsync().ConfigureAwait(false);
        Waiting = overview.Waiting;
        var workers = new List<WorkerLine>();
        foreach (var worker in overview.Workers.OrderBy(w => w.WorkerId, StringComparer.Ordinal))
        {
            var streams = new List<WorkerStreamLine>();
            foreach (var key in worker.Streams)
            {
                StreamStatus? status = null;
                try
                {
                    status = await _grains.GetGrain<IStreamMonitorGrain>(key.ToGrainKey()).GetStatusAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is TimeoutException or OrleansException)
                {
                    // Shown as unknown: the page is for finding trouble, so one unreachable grain must not hide the rest.
                }

                streams.Add(new WorkerStreamLine(key, status?.IngestState?.ToString(), status?.LastFrameAt is { } last ? Now - last : null, status?.IngestRestarts));
            }

            workers.Add(new WorkerLine(worker.WorkerId, worker.Capacity, Now - worker.LastHeartbeat, streams));
        }

        Workers = workers;
        return Page();
    }

    public sealed record SiloLine(string Name, string Address, string Status, DateTime StartedAt, DateTime LastAlive);

    public sealed record WorkerLine(string Id, int Capacity, TimeSpan SinceHeartbeat, IReadOnlyList<WorkerStreamLine> Streams);

    public sealed record WorkerStreamLine(StreamKey Key, string? State, TimeSpan? Lag, int? Restarts);
}
