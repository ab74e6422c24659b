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
    private readonly IServiceScopeFactory _scopes;
    private readonly EvidenceProtector _protector;
    private readonly EvidenceOptions _evidence;
    private readonly ILogger<IncidentGrain> _logger;
    private StreamKey? _stream;

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

        // Blurred and sealed before the transaction: the store's writer is held for the writes only.
        var evidence = report.Evidence
            .Select(frame => (Frame: frame,
                Thumbnail: EvidenceThumbnail.Create(frame.Pixels, frame.Width, frame.Height, frame.Format, _evidence.ThumbnailSide, _evidence.ThumbnailBlurSigma),
                Sealed: _protector.Protect(frame.Pixels, id)))
            .ToArray();
        var created = false;
        Incident incident;
        IReadOnlyList<Contracts.Feed.FeedNotification> notifications;
        using (var transaction = StartStoreSpan(db))
        {
            try
            {
                (incident, notifications) = await db.ExecuteInTransactionAsync(async ct =>
                {
                    var existing = await incidents.GetAsync(tenant, id, ct).ConfigureAwait(true);
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
        LogReported(id, report.Stream, report.Level, report.Matches.Count);
        await FeedPublisher.PublishAsync(this, notifications, _logger).ConfigureAwait(true);
        return ToSummary(incident, report.Stream);
    }

    /// <inheritdoc />
    public Task<int> AttachEvidenceFramesAsync(IReadOnlyList<EvidenceFrame> frames) =>
        throw new NotSupportedException("Preview evidence frames are not stored yet (issue 4, in progress).");

    public async Task<IncidentSummary?> GetAsync()
    {
        if (_stream is not { } stream)
        {
            return null;
        }

        await using var scope = _scopes.CreateAsyncScope();
        var incident = await scope.ServiceProvider.GetRequiredService<IncidentStore>().GetAsync(stream.TenantId, this.GetPrimaryKey()).ConfigureAwait(true);
        return incident is null ? null : ToSummary(incident, stream);
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

    private static NewIncidentMatch ToStored(Contracts.Incidents.IncidentMatch m) =>
        new(m.RunId, m.FrameSequence, m.FrameTimestamp, m.BankId, m.BankEntryId, m.Distance, m.Variant, m.Quality, m.FrameHash);

    private static IncidentSummary ToSummary(Incident incident, StreamKey stream) =>
        new(incident.Id, stream, incident.State.ToString(), incident.Level, incident.OpenedAt, incident.UpdatedAt,
            incident.MatchCount, incident.BestDistance ?? -1);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident {IncidentId} ({Stream}): level {Level}, {Matches} new matches recorded")]
    private partial void LogReported(Guid incidentId, StreamKey stream, RiskLevel level, int matches);
}
