using System.Diagnostics;
using LiveWatch.Contracts.Incidents;
using LiveWatch.Contracts.Risk;
using LiveWatch.Contracts.Streams;
using LiveWatch.Grains.Evidence;
using LiveWatch.Grains.Feed;
using LiveWatch.Grains.Telemetry;
using LiveWatch.Storage;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveWatch.Grains.Incidents;

/// <summary>
/// The single writer of one incident. Every report is one transaction in the moderation store (incident, matches,
/// evidence, feed event, audit), committed before the call returns: nobody is told of anything not yet durable.
/// Idempotent: a retried report adds no match twice and opens nothing twice.
/// </summary>
public sealed partial class IncidentGrain : Grain, IIncidentGrain
{
    private const string SystemActor = "system:stream-monitor";
    private const string IngestActor = "system:ingest";
    private const string PreviewContentType = "image/jpeg";

    // Told for about 3 minutes (2, 4, 8 ... 60 s apart); after that the stream learns it from its next report.
    private const int MaxDismissalTells = 8;
    private readonly IServiceScopeFactory _scopes;
    private readonly EvidenceProtector _protector;
    private readonly EvidenceOptions _evidence;
    private readonly ILogger<IncidentGrain> _logger;
    private StreamKey? _stream;
    private IGrainTimer? _dismissalTell;
    private int _dismissalTellsFailed;

    // The preview frames stored (sequence → stream time), read from the store on first use, then kept up to date.
    private Dictionary<long, double>? _previews;

    public IncidentGrain(IServiceScopeFactory scopes, EvidenceProtector protector, IOptions<EvidenceOptions> evidence, ILogger<IncidentGrain> logger)
    {
        _scopes = scopes;
        _protector = protector;
        _evidence = evidence.Value;
        _logger = logger;
    }

    public async Task<IncidentSummary> ReportAsync(IncidentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (_stream is { } known && known != report.Stream)
        {
            throw new ArgumentException($"Incident {this.GetPrimaryKey()} belongs to stream {known}, not {report.Stream}.", nameof(report));
        }

        var id = this.GetPrimaryKey();
        var tenant = report.Stream.TenantId;
        using var activity = LiveWatchActivitySource.Source.StartActivity(LiveWatchActivitySource.IncidentReport);
        activity?.SetTag(LiveWatchSpanTags.Tenant, tenant);
        activity?.SetTag(LiveWatchSpanTags.Stream, report.Stream.StreamId);
        activity?.SetTag(LiveWatchSpanTags.IncidentId, id.ToString());
        activity?.SetTag(LiveWatchSpanTags.Level, report.Level.ToString());
        activity?.SetTag(LiveWatchSpanTags.IncidentMatches, report.Matches.Count);
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveWatchDbContext>();
        var incidents = scope.ServiceProvider.GetRequiredService<IncidentStore>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var feed = scope.ServiceProvider.GetRequiredService<FeedStore>();
        var outbox = scope.ServiceProvider.GetRequiredService<OutboxStore>();

        // Blurred and sealed before the transaction: the store's writer is held for the writes only.
        var evidence = report.Evidence
            .Select(frame => (Frame: frame,
                Thumbnail: EvidenceThumbnail.Create(frame.Pixels, frame.Width, frame.Height, frame.Format, _evidence.ThumbnailSide, _evidence.ThumbnailBlurSigma),
                Sealed: _protector.Protect(frame.Pixels, id)))
            .ToArray();
        var created = false;
        var refused = false;
        Incident incident;
        IReadOnlyList<Contracts.Feed.FeedNotification> notifications;
        using (var transaction = StartStoreSpan(db))
        {
            try
            {
                (incident, notifications) = await db.ExecuteInTransactionAsync(async ct =>
                {
                    var existing = await incidents.GetAsync(tenant, id, ct).ConfigureAwait(true);
                    if (existing is { State: IncidentState.Dismissed } dismissed)
                    {
                        // Attached to a dismissed incident, matches reach no queue: the stream opens a new incident
                        // for them if they are not the false positive the moderator saw.
                        refused = true;
                        return (dismissed, (IReadOnlyList<Contracts.Feed.FeedNotification>)[]);
                    }

                    var opened = existing ?? await incidents.OpenAsync(tenant, report.Stream.StreamId, report.Level, id, ct).ConfigureAwait(true);
                    created = existing is null;
                    if (existing is null)
                    {
                        await audit.AppendAsync(tenant, SystemActor, "incident.opened", "incident", id.ToString(),
                            new { stream = report.Stream.StreamId, level = report.Level.ToString(), matches = report.Matches.Count }, ct).ConfigureAwait(true);
                    }

                    if (existing is not null && report.Level != existing.Level)
                    {
                        await audit.AppendAsync(tenant, SystemActor, "incident.level_changed", "incident", id.ToString(),
                            new { stream = report.Stream.StreamId, from = existing.Level.ToString(), to = report.Level.ToString() }, ct).ConfigureAwait(true);
                    }

                    var updated = opened;
                    IReadOnlyList<Storage.Entities.IncidentMatch> added = [];
                    if (report.Matches.Count > 0 || report.Level != opened.Level)
                    {
                        var result = await incidents.AddMatchesAsync(tenant, id, report.Matches.Select(ToStored).ToArray(), report.Level, ct).ConfigureAwait(true);
                        updated = result.Incident;
                        added = result.AddedMatches;
                    }

                    foreach (var (frame, thumbnail, sealedFrame) in evidence)
                    {
                        // Evidence goes with a match this report stored: a retried report (whose matches are all
                        // stored already) adds no evidence twice.
                        if (added.FirstOrDefault(m => m.FrameSequence == frame.FrameSequence) is not { } match)
                        {
                            continue;
                        }

                        await incidents.AddEvidenceAsync(tenant, new NewEvidence(id, match.Id, frame.CapturedAt, thumbnail, sealedFrame.Ciphertext,
                            sealedFrame.Nonce, sealedFrame.Tag, sealedFrame.KeyId, $"application/x-livewatch-raw; width={frame.Width}; height={frame.Height}; format={frame.Format}"), ct).ConfigureAwait(true);
                    }

                    await EnqueueWebhookAsync(outbox, existing, updated, added, ct).ConfigureAwait(true);

                    // Read before the commit, under the transaction's sequence lock, so each one's previous sequence is exact.
                    return (updated, await feed.GetWrittenNotificationsAsync(ct).ConfigureAwait(true));
                }).ConfigureAwait(true);
            }
            catch (Exception e)
            {
                transaction.RecordFailure(e);
                activity.RecordFailure(e);
                throw;
            }
        }

        activity?.SetTag(LiveWatchSpanTags.IncidentOpened, created);

        _stream = report.Stream;
        if (refused)
        {
            LogReportRefused(id, report.Stream, report.Matches.Count);
            return ToSummary(incident, report.Stream);
        }

        LogReported(id, report.Stream, report.Level, report.Matches.Count);
        await FeedPublisher.PublishAsync(this, notifications, _logger).ConfigureAwait(true);
        return ToSummary(incident, report.Stream);
    }

    /// <inheritdoc />
    public async Task<IncidentDecisionResult> DecideAsync(IncidentDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var id = this.GetPrimaryKey();
        using var activity = LiveWatchActivitySource.Source.StartActivity(LiveWatchActivitySource.IncidentDecision);
        activity?.SetTag(LiveWatchSpanTags.Tenant, decision.TenantId);
        activity?.SetTag(LiveWatchSpanTags.IncidentId, id.ToString());
        activity?.SetTag(LiveWatchSpanTags.Decision, decision.Kind.ToString());
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveWatchDbContext>();
        var incidents = scope.ServiceProvider.GetRequiredService<IncidentStore>();
        var feed = scope.ServiceProvider.GetRequiredService<FeedStore>();
        IncidentDecisionOutcome outcome;
        IReadOnlyList<Contracts.Feed.FeedNotification> notifications;
        try
        {
            (outcome, notifications) = await db.ExecuteInTransactionAsync(async ct =>
            {
                var decided = await incidents.DecideAsync(id, decision, ct).ConfigureAwait(true);
                return (decided, await feed.GetWrittenNotificationsAsync(ct).ConfigureAwait(true));
            }).ConfigureAwait(true);
        }
        catch (Exception e)
        {
            activity.RecordFailure(e);
            throw;
        }

        var stream = new StreamKey(outcome.Incident.TenantId, outcome.Incident.StreamId);
        _stream ??= stream;
        if (outcome.Changed)
        {
            LogDecided(id, stream, decision.Kind, decision.Actor.Id, outcome.Incident.State, outcome.Incident.Version);
            await FeedPublisher.PublishAsync(this, notifications, _logger).ConfigureAwait(true);
        }

        if (decision.Kind == IncidentDecisionKind.Dismiss && outcome.Incident.State == IncidentState.Dismissed)
        {
            // A repeated dismissal tells again: the first one's word may have been lost.
            TellStreamOfDismissal(stream);
        }

        return new IncidentDecisionResult(ToSummary(outcome.Incident, stream), outcome.Changed, outcome.NegativeBankId, outcome.HashesAdded);
    }

    /// <inheritdoc />
    public async Task<int> AttachEvidenceFramesAsync(IReadOnlyList<EvidenceFrame> frames)
    {
        var id = this.GetPrimaryKey();
        ValidatePreviewFrames(id, frames);
        var stream = await FindStreamAsync().ConfigureAwait(true)
            ?? throw new InvalidOperationException($"Incident {id} does not exist; preview frames can only be attached to an opened incident.");
        var stored = await LoadPreviewsAsync(stream).ConfigureAwait(true);
        var fresh = frames.DistinctBy(f => f.Sequence).Where(f => !stored.ContainsKey(f.Sequence)).OrderBy(f => f.Sequence).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        var room = _evidence.MaxPreviewFramesPerIncident - stored.Count;
        if (room <= 0)
        {
            // Not an error of the worker's: it cannot know the incident is full until the stream grain learns it and
            // stops asking (within a few seconds of stream time). Nothing stored, as for frames it holds already.
            LogPreviewFramesRefused(id, fresh.Count, _evidence.MaxPreviewFramesPerIncident);
            return 0;
        }

        if (fresh.Count > room)
        {
            // The earliest frames fit: they lead up to the first match, which is what a moderator reviews first.
            LogPreviewFramesDropped(id, fresh.Count - room, _evidence.MaxPreviewFramesPerIncident);
            fresh = fresh.OrderBy(f => f.StreamSeconds).ThenBy(f => f.Sequence).Take(room).ToList();
        }

        // Sealed before the transaction, as the report's evidence is: the store's writer is held for the writes only.
        var sealedFrames = fresh.Select(frame =>
        {
            var sealedFrame = _protector.Protect(frame.Jpeg, id);
            return new NewPreviewFrame(frame.Sequence, frame.StreamSeconds, frame.CapturedAt, sealedFrame.Ciphertext, sealedFrame.Nonce,
                sealedFrame.Tag, sealedFrame.KeyId, PreviewContentType);
        }).ToArray();
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveWatchDbContext>();
        var incidents = scope.ServiceProvider.GetRequiredService<IncidentStore>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var added = await db.ExecuteInTransactionAsync(async ct =>
        {
            var rows = await incidents.AddPreviewFramesAsync(stream.TenantId, id, sealedFrames, ct).ConfigureAwait(true);
            if (rows.Count > 0)
            {
                await audit.AppendAsync(stream.TenantId, IngestActor, "incident.evidence_attached", "incident", id.ToString(),
                    new
                    {
                        stream = stream.StreamId,
                        frames = rows.Count,
                        firstSequence = rows.Min(r => r.PreviewSequence),
                        lastSequence = rows.Max(r => r.PreviewSequence),
                        fromStreamSeconds = rows.Min(r => r.StreamSeconds),
                        toStreamSeconds = rows.Max(r => r.StreamSeconds),
                    }, ct).ConfigureAwait(true);
            }

            return rows;
        }).ConfigureAwait(true);

        foreach (var row in added)
        {
            stored[row.PreviewSequence!.Value] = row.StreamSeconds ?? 0;
        }

        LogPreviewFramesAttached(id, stream, added.Count, stored.Count);
        return added.Count;
    }

    /// <inheritdoc />
    public async Task<PreviewCoverage> GetPreviewCoverageAsync()
    {
        if (await FindStreamAsync().ConfigureAwait(true) is not { } stream)
        {
            return new PreviewCoverage(0, null, false);
        }

        var stored = await LoadPreviewsAsync(stream).ConfigureAwait(true);
        return new PreviewCoverage(stored.Count, stored.Count == 0 ? null : stored.Values.Max(), stored.Count >= _evidence.MaxPreviewFramesPerIncident);
    }

    public async Task<IncidentSummary?> GetAsync()
    {
        if (await FindStreamAsync().ConfigureAwait(true) is not { } stream)
        {
            return null;
        }

        await using var scope = _scopes.CreateAsyncScope();
        var incident = await scope.ServiceProvider.GetRequiredService<IncidentStore>().GetAsync(stream.TenantId, this.GetPrimaryKey()).ConfigureAwait(true);
        return incident is null ? null : ToSummary(incident, stream);
    }

    // The incident's stream, known from its first report or, after a reactivation, from the store (a worker names
    // only the incident); null if the incident was never opened.
    private async Task<StreamKey?> FindStreamAsync()
    {
        if (_stream is null)
        {
            await using var scope = _scopes.CreateAsyncScope();
            var incident = await scope.ServiceProvider.GetRequiredService<IncidentStore>().FindAnyTenantAsync(this.GetPrimaryKey()).ConfigureAwait(true);
            if (incident is not null)
            {
                _stream = new StreamKey(incident.TenantId, incident.StreamId);
            }
        }

        return _stream;
    }

    private async Task<Dictionary<long, double>> LoadPreviewsAsync(StreamKey stream)
    {
        if (_previews is null)
        {
            await using var scope = _scopes.CreateAsyncScope();
            var rows = await scope.ServiceProvider.GetRequiredService<IncidentStore>().ListPreviewFramesAsync(stream.TenantId, this.GetPrimaryKey()).ConfigureAwait(true);
            _previews = rows.ToDictionary(r => r.Sequence, r => r.StreamSeconds);
        }

        return _previews;
    }

    // The JPEG is checked by its signature and size only: it is never decoded in-process.
    private void ValidatePreviewFrames(Guid id, IReadOnlyList<EvidenceFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        foreach (var frame in frames)
        {
            if (frame is null)
            {
                throw new ArgumentException($"Incident {id}: a preview frame is missing.", nameof(frames));
            }

            if (frame.Jpeg is not { Length: >= 3 } jpeg || jpeg[0] != 0xFF || jpeg[1] != 0xD8 || jpeg[2] != 0xFF)
            {
                throw new ArgumentException($"Incident {id}: preview frame {frame.Sequence} is not a JPEG (no FF D8 FF signature).", nameof(frames));
            }

            if (jpeg.Length > _evidence.MaxPreviewFrameBytes)
            {
                throw new ArgumentException(
                    $"Incident {id}: preview frame {frame.Sequence} is {jpeg.Length} bytes; at most {_evidence.MaxPreviewFrameBytes} are accepted ({EvidenceOptions.SectionName}:MaxPreviewFrameBytes).",
                    nameof(frames));
            }

            if (frame.Sequence < 0 || !double.IsFinite(frame.StreamSeconds) || frame.StreamSeconds < 0)
            {
                throw new ArgumentException(
                    $"Incident {id}: preview frame {frame.Sequence} has sequence {frame.Sequence} and stream time {frame.StreamSeconds}; both must be 0 or more.", nameof(frames));
            }

            if (frame.Width <= 0 || frame.Height <= 0)
            {
                throw new ArgumentException($"Incident {id}: preview frame {frame.Sequence} is {frame.Width}x{frame.Height}.", nameof(frames));
            }
        }
    }

    // From a timer that interleaves, after the decision returns: the stream's grain may be in a batch waiting for this
    // grain's ReportAsync, and waiting for the stream here would deadlock both. Lost with this activation, the word is
    // not needed for safety: the stream's next report to a dismissed incident is refused and tells it the same.
    private void TellStreamOfDismissal(StreamKey stream)
    {
        _dismissalTellsFailed = 0;
        if (_dismissalTell is { } timer)
        {
            timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            return;
        }

        _dismissalTell = this.RegisterGrainTimer(TellDismissalAsync, stream,
            new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
    }

    private async Task TellDismissalAsync(StreamKey stream, CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKey();
        try
        {
            await GrainFactory.GetGrain<IStreamMonitorGrain>(stream.ToGrainKey()).IncidentDismissedAsync(id).ConfigureAwait(true);
            StopDismissalTell();
            LogStreamTold(id, stream);
        }
        catch (Exception e) when (++_dismissalTellsFailed < MaxDismissalTells)
        {
            var delay = TimeSpan.FromSeconds(Math.Min(60, 1 << _dismissalTellsFailed));
            LogStreamTellFailed(e, id, stream, delay);
            _dismissalTell?.Change(delay, Timeout.InfiniteTimeSpan);
        }
        catch (Exception e)
        {
            StopDismissalTell();
            LogStreamTellAbandoned(e, id, stream, _dismissalTellsFailed);
        }
    }

    private void StopDismissalTell()
    {
        _dismissalTell?.Dispose();
        _dismissalTell = null;
    }

    /// <summary>A client span around the store transaction, named for the database, so a trace shows where the time went.</summary>
    private static Activity? StartStoreSpan(LiveWatchDbContext db)
    {
        var span = LiveWatchActivitySource.Source.StartActivity(LiveWatchActivitySource.StoreTransaction, ActivityKind.Client);
        span?.SetTag(LiveWatchSpanTags.DbSystem, db.Database.ProviderName switch
        {
            { } provider when provider.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) => "sqlite",
            { } provider when provider.Contains("Npgsql", StringComparison.OrdinalIgnoreCase) => "postgresql",
            var other => other,
        });
        return span;
    }

    // incident.opened for a new incident (with the matches it opened on), incident.updated when a report changed it;
    // the ids follow from the incident and its version, so a retried report announces nothing twice.
    private static async Task EnqueueWebhookAsync(
        OutboxStore outbox, Incident? before, Incident after, IReadOnlyList<Storage.Entities.IncidentMatch> added, CancellationToken ct)
    {
        var matches = added.Select(m => new { runId = m.RunId, frameSequence = m.FrameSequence, frameTimestamp = m.FrameTimestamp, bankId = m.BankId, bankEntryId = m.BankEntryId, distance = m.Distance })
            .ToArray();
        if (before is null)
        {
            await outbox.EnqueueEventAsync(after.TenantId, WebhookEventTypes.IncidentOpened, after.StreamId, $"{WebhookEventTypes.IncidentOpened}:{after.Id:N}",
                new { incident = IncidentStore.WebhookData(after), matches }, ct).ConfigureAwait(true);
        }
        else if (after.Version != before.Version)
        {
            await outbox.EnqueueEventAsync(after.TenantId, WebhookEventTypes.IncidentUpdated, after.StreamId, $"{WebhookEventTypes.IncidentUpdated}:{after.Id:N}:v{after.Version}",
                new { incident = IncidentStore.WebhookData(after), previousLevel = before.Level, matches }, ct).ConfigureAwait(true);
        }
    }

    private static NewIncidentMatch ToStored(Contracts.Incidents.IncidentMatch m) =>
        new(m.RunId, m.FrameSequence, m.FrameTimestamp, m.BankId, m.BankEntryId, m.Distance, m.Variant, m.Quality, m.FrameHash);

    private static IncidentSummary ToSummary(Incident incident, StreamKey stream) =>
        new(incident.Id, stream, incident.State.ToString(), incident.Level, incident.OpenedAt, incident.UpdatedAt,
            incident.MatchCount, incident.BestDistance ?? -1, incident.Version, incident.AssignedTo, incident.DecidedBy, incident.DecidedAt, incident.StreamAction);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId} ({Stream}): {Added} preview frames attached, {Total} held")]
    private partial void LogPreviewFramesAttached(Guid incidentId, StreamKey stream, int added, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {IncidentId}: {Dropped} preview frames not stored; an incident keeps at most {Max}")]
    private partial void LogPreviewFramesDropped(Guid incidentId, int dropped, int max);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Incident {IncidentId}: {Refused} more preview frames not stored, it already holds the most kept ({Max})")]
    private partial void LogPreviewFramesRefused(Guid incidentId, int refused, int max);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId} ({Stream}): {Decision} by {Actor}; now {State}, version {Version}")]
    private partial void LogDecided(Guid incidentId, StreamKey stream, IncidentDecisionKind decision, string actor, IncidentState state, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId} ({Stream}): dismissed; a report of {Matches} matches was not recorded")]
    private partial void LogReportRefused(Guid incidentId, StreamKey stream, int matches);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId}: stream {Stream} told of the dismissal")]
    private partial void LogStreamTold(Guid incidentId, StreamKey stream);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {IncidentId}: could not tell stream {Stream} of the dismissal; trying again in {Delay}")]
    private partial void LogStreamTellFailed(Exception exception, Guid incidentId, StreamKey stream, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Incident {IncidentId}: stream {Stream} not told of the dismissal after {Attempts} attempts; it learns it from its next report")]
    private partial void LogStreamTellAbandoned(Exception exception, Guid incidentId, StreamKey stream, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId} ({Stream}): level {Level}, {Matches} new matches recorded")]
    private partial void LogReported(Guid incidentId, StreamKey stream, RiskLevel level, int matches);
}
