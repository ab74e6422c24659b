using LiveWatch.Contracts.Streams;
using LiveWatch.Storage;
using LiveWatch.Storage.Stores;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Dashboard.Incidents;

/// <summary>Reads an incident for its page, only within the tenants the user sees.</summary>
public sealed class IncidentReader
{
    private readonly LiveWatchDbContext _db;
    private readonly IncidentStore _incidents;
    private readonly StreamStore _streams;
    private readonly IGrainFactory _grains;

    public IncidentReader(LiveWatchDbContext db, IncidentStore incidents, StreamStore streams, IGrainFactory grains)
    {
        _db = db;
        _incidents = incidents;
        _streams = streams;
        _grains = grains;
    }

    /// <summary>The tenant of <paramref name="incidentId"/>, or null if there is no such incident.</summary>
    public async Task<string?> FindTenantAsync(Guid incidentId, CancellationToken cancellationToken = default) =>
        (await _incidents.FindAnyTenantAsync(incidentId, cancellationToken).ConfigureAwait(false))?.TenantId;

    /// <summary>The incident of <paramref name="tenantId"/>; hashes only when <paramref name="showHashes"/>.</summary>
    public async Task<IncidentDetail?> ReadAsync(string tenantId, Guid incidentId, bool showHashes, CancellationToken cancellationToken = default)
    {
        var incident = await _incidents.GetAsync(tenantId, incidentId, cancellationToken).ConfigureAwait(false);
        if (incident is null)
        {
            return null;
        }

        var stream = await _streams.GetAsync(tenantId, incident.StreamId, cancellationToken).ConfigureAwait(false);
        StreamStatus? status = null;
        try
        {
            status = await _grains.GetGrain<IStreamMonitorGrain>(new StreamKey(tenantId, incident.StreamId).ToGrainKey()).GetStatusAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            // The page still shows the stored incident; the live status says "unavailable".
        }

        var matches = await _incidents.ListMatchesAsync(tenantId, incidentId, cancellationToken).ConfigureAwait(false);
        var entryIds = matches.Select(m => m.BankEntryId).Distinct().ToList();
        var bankIds = matches.Select(m => m.BankId).Distinct().ToList();
        var entries = await _db.BankEntries.AsNoTracking().Where(e => entryIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken).ConfigureAwait(false);
        var banks = await _db.Banks.AsNoTracking().Where(b => bankIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, cancellationToken).ConfigureAwait(false);
        var matchLines = matches.OrderBy(m => m.FrameTimestamp).Select(m =>
        {
            entries.TryGetValue(m.BankEntryId, out var entry);
            return new MatchLine(m.FrameTimestamp, m.RunId, m.FrameSequence, m.BankId, banks.GetValueOrDefault(m.BankId, $"bank {m.BankId}"),
                m.BankEntryId, entry?.ExternalId, entry?.Label, m.Distance, m.Variant, m.Quality,
                showHashes ? m.FrameHash.ToString() : null, showHashes ? entry?.Hash.ToString() : null);
        }).ToList();

        var evidence = await _db.Evidence.AsNoTracking()
            .Where(e => e.IncidentId == incidentId)
            .Select(e => new { e.Id, e.Kind, e.CapturedAt, e.StreamSeconds, HasThumbnail = e.Thumbnail != null })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var evidenceLines = evidence
            .OrderBy(e => e.StreamSeconds ?? double.MaxValue).ThenBy(e => e.CapturedAt)
            .Select(e => new EvidenceLine(e.Id, e.Kind, e.CapturedAt, e.StreamSeconds, e.HasThumbnail))
            .ToList();

        var subject = incidentId.ToString();
        var history = await _db.AuditEntries.AsNoTracking()
            .Where(a => a.TenantId == tenantId && a.SubjectType == "incident" && a.SubjectId == subject)
            .OrderBy(a => a.Sequence)
            .Take(500)
            .Select(a => new TimelineLine(a.At, a.Actor, a.Action, a.Details))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // Matches and the incident's history (opened, level changes, decisions, reveals) in one time line.
        var timeline = history
            .Concat(matchLines.Select(m => new TimelineLine(m.At, $"stream {incident.StreamId}", "match",
                $"{m.BankName} entry {m.EntryExternalId ?? $"#{m.EntryId}"} at distance {m.Distance} (orientation {m.Variant}, quality {m.Quality})")))
            .OrderBy(t => t.At)
            .ToList();
        return new IncidentDetail(incident, stream, status, matchLines, evidenceLines, timeline);
    }
}
