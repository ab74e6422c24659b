using LiveWatch.Contracts.Feed;
using IncidentDecision = LiveWatch.Contracts.Incidents.IncidentDecision;
using LiveWatch.Contracts.Risk;
using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage.Stores;

/// <summary>
/// Incidents, their matches and evidence, per tenant. Every change goes to the tenant's feed in the same
/// transaction; wrap calls with <see cref="LiveWatchDbContext.ExecuteInTransactionAsync{T}"/> to add audit entries and
/// outbox messages to that same transaction.
/// </summary>
/// <remarks>
/// <see cref="Incident.Version"/> changes on every update, new matches included: a moderator's decision made on a
/// stale view (say, before more matches arrived) is refused with <see cref="ConcurrencyConflictException"/>.
/// One grain per stream is expected to open incidents and add matches, which keeps "one open incident per stream" a
/// matter of that grain, not of a database constraint.
/// </remarks>
public sealed class IncidentStore
{
    /// <summary>Most matches accepted by one <see cref="AddMatchesAsync"/> call.</summary>
    public const int MaxMatchesPerCall = 1000;

    private const int MaxAttempts = 5;

    private readonly LiveWatchDbContext _db;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over a unit of work.</summary>
    public IncidentStore(LiveWatchDbContext db, TimeProvider time)
    {
        _db = db;
        _time = time;
    }

    /// <summary>
    /// Opens an incident on a registered stream and reports <see cref="FeedEventKind.IncidentOpened"/>. With
    /// <paramref name="incidentId"/> (chosen by the stream's grain before it calls) opening is idempotent: an incident
    /// that already exists under that id is returned as it is.
    /// </summary>
    public async Task<Incident> OpenAsync(string tenantId, string streamId, RiskLevel level, Guid? incidentId = null, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        ArgumentNullException.ThrowIfNull(streamId);
        CheckLevel(level);
        return await _db.ExecuteInTransactionAsync(
            async ct =>
            {
                if (incidentId is { } wanted && await _db.Incidents.FirstOrDefaultAsync(i => i.TenantId == tenantId && i.Id == wanted, ct).ConfigureAwait(false) is { } existing)
                {
                    return existing;
                }

                if (!await _db.Streams.AnyAsync(s => s.TenantId == tenantId && s.StreamId == streamId, ct).ConfigureAwait(false))
                {
                    throw new EntityNotFoundException($"There is no stream '{streamId}' for tenant '{tenantId}'.");
                }

                var now = _time.UtcNow();
                var incident = new Incident
                {
                    Id = incidentId ?? Guid.CreateVersion7(),
                    TenantId = tenantId,
                    StreamId = streamId,
                    State = IncidentState.Open,
                    Level = level,
                    OpenedAt = now,
                    UpdatedAt = now,
                    Version = 1,
                };
                _db.Incidents.Add(incident);
                FeedStore.Stage(_db, tenantId, FeedEventKind.IncidentOpened, now, new { level, state = incident.State }, incident.Id, streamId);
                await _db.SaveChangesAsync(ct).ConfigureAwait(false);
                return incident;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tenant's incident, or null.</summary>
    public Task<Incident?> GetAsync(string tenantId, Guid incidentId, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        return _db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId && i.TenantId == tenantId, cancellationToken);
    }

    /// <summary>The stream's newest incident still under review (not dismissed, not closed), or null.</summary>
    public Task<Incident?> FindActiveAsync(string tenantId, string streamId, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        ArgumentNullException.ThrowIfNull(streamId);
        return _db.Incidents.AsNoTracking()
            .Where(i => i.TenantId == tenantId && i.StreamId == streamId && i.State != IncidentState.Closed && i.State != IncidentState.Dismissed)
            .OrderByDescending(i => i.OpenedAt)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The tenant's incidents matching <paramref name="query"/>, newest first.</summary>
    public async Task<IReadOnlyList<Incident>> ListAsync(string tenantId, IncidentQuery? query = null, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        query ??= new IncidentQuery();
        var take = Guard.Max(query.Max, 1000, nameof(query.Max));
        var rows = _db.Incidents.AsNoTracking().Where(i => i.TenantId == tenantId);
        if (query.State is { } state)
        {
            rows = rows.Where(i => i.State == state);
        }

        if (query.StreamId is { } streamId)
        {
            rows = rows.Where(i => i.StreamId == streamId);
        }

        if (query.MinimumLevel is { } level)
        {
            rows = rows.Where(i => i.Level >= level);
        }

        return await rows.OrderByDescending(i => i.OpenedAt).ThenBy(i => i.Id).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records matches idempotently: a match already stored (same run, frame and entry) is skipped, so a retried
    /// batch adds nothing twice. Updates the count, best distance and (when given) the level, and reports the change
    /// on the feed. Writes nothing when there is nothing new.
    /// </summary>
    /// <exception cref="EntityConflictException">The incident is closed.</exception>
    public async Task<AddMatchesResult> AddMatchesAsync(
        string tenantId,
        Guid incidentId,
        IReadOnlyCollection<NewIncidentMatch> matches,
        RiskLevel? level = null,
        CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        ArgumentNullException.ThrowIfNull(matches);
        if (matches.Count > MaxMatchesPerCall)
        {
            throw new ArgumentException($"At most {MaxMatchesPerCall} matches per call, got {matches.Count}.", nameof(matches));
        }

        foreach (var match in matches)
        {
            CheckMatch(match);
        }

        if (level is { } l)
        {
            CheckLevel(l);
        }

        // Two writers on the same incident (PostgreSQL) collide on the version or the unique index; the loser
        // reloads and skips what the winner stored. Inside a caller's transaction the caller decides.
        var ownsTransaction = _db.Database.CurrentTransaction is null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _db.ExecuteInTransactionAsync(ct => AddMatchesCoreAsync(tenantId, incidentId, matches, level, ct), cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException e) when (ownsTransaction && attempt < MaxAttempts && (e is DbUpdateConcurrencyException || _db.IsUniqueViolation(e)))
            {
                _db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The incident's matches, in frame order.</summary>
    public async Task<IReadOnlyList<IncidentMatch>> ListMatchesAsync(string tenantId, Guid incidentId, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        return await _db.IncidentMatches.AsNoTracking()
            .Where(m => m.IncidentId == incidentId && _db.Incidents.Any(i => i.Id == incidentId && i.TenantId == tenantId))
            .OrderBy(m => m.RunId).ThenBy(m => m.FrameSequence).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves the incident to <paramref name="state"/> if it is still at <paramref name="expectedVersion"/>, and
    /// reports it on the feed. Closing sets <see cref="Incident.ClosedAt"/>; a closed incident never changes state.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The incident changed since the caller read it.</exception>
    /// <exception cref="EntityConflictException">The incident is closed.</exception>
    public Task<Incident> UpdateStateAsync(string tenantId, Guid incidentId, IncidentState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(state))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown incident state.");
        }

        return UpdateAsync(
            tenantId,
            incidentId,
            expectedVersion,
            (incident, now) =>
            {
                if (incident.State == IncidentState.Closed)
                {
                    throw new EntityConflictException($"Incident {incidentId} is closed; a closed incident never changes state.");
                }

                if (incident.State == state)
                {
                    return null;
                }

                var previous = incident.State;
                incident.State = state;
                if (state == IncidentState.Closed)
                {
                    incident.ClosedAt = now;
                }

                return new { state, previous };
            },
            cancellationToken);
    }

    /// <summary>Assigns the incident to a moderator (null to unassign) if it is still at <paramref name="expectedVersion"/>.</summary>
    /// <exception cref="ConcurrencyConflictException">The incident changed since the caller read it.</exception>
    public Task<Incident> AssignAsync(string tenantId, Guid incidentId, string? assignee, long expectedVersion, CancellationToken cancellationToken = default)
    {
        Guard.OptionalText(assignee, Incident.MaxAssigneeLength, nameof(assignee));
        return UpdateAsync(
            tenantId,
            incidentId,
            expectedVersion,
            (incident, _) =>
            {
                if (string.Equals(incident.AssignedTo, assignee, StringComparison.Ordinal))
                {
                    return null;
                }

                incident.AssignedTo = assignee;
                return new { assignedTo = assignee };
            },
            cancellationToken);
    }

    /// <summary>
    /// Applies a moderator's decision in one transaction (joining the caller's): the incident's state, assignee or
    /// stream action; an audit entry naming the actor; an <see cref="FeedEventKind.IncidentUpdated"/> feed event; the
    /// <c>incident.decided</c> (or <c>stream.action</c>) webhook messages; and for a dismissal that asks for it, the
    /// matched frames' hashes in the tenant's negative bank. A decision already in place changes nothing.
    /// </summary>
    /// <exception cref="EntityNotFoundException">No such incident for the tenant.</exception>
    /// <exception cref="ConcurrencyConflictException">
    /// <see cref="IncidentDecision.ExpectedVersion"/> is stale; the message says what happened meanwhile.
    /// </exception>
    /// <exception cref="EntityConflictException">The state does not allow it (confirming a dismissed incident), with who decided what and when.</exception>
    public async Task<IncidentDecisionOutcome> DecideAsync(Guid incidentId, IncidentDecision decision, CancellationToken cancellationToken = default)
    {
        IncidentDecisions.Validate(decision);
        try
        {
            return await _db.ExecuteInTransactionAsync(
                async ct =>
                {
                    var incident = await RequireIncidentAsync(decision.TenantId, incidentId, ct, tracking: true).ConfigureAwait(false);
                    return await new IncidentDecisions(_db, _time).ApplyAsync(incident, decision, ct).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException e)
        {
            // Another writer (a stream's new matches on PostgreSQL) updated the row between our read and our write.
            throw new ConcurrencyConflictException(
                $"Incident {incidentId} changed while the decision was being saved (new matches or another decision); reload it and decide again.", e)
            {
                ExpectedVersion = decision.ExpectedVersion ?? 0,
            };
        }
    }

    /// <summary>The incident's fields as webhooks carry them (<c>incident.opened</c>, <c>incident.updated</c>, <c>incident.decided</c>).</summary>
    public static object WebhookData(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return new
        {
            incidentId = incident.Id,
            streamId = incident.StreamId,
            state = incident.State,
            level = incident.Level,
            matchCount = incident.MatchCount,
            bestDistance = incident.BestDistance,
            openedAt = incident.OpenedAt,
            updatedAt = incident.UpdatedAt,
            assignedTo = incident.AssignedTo,
            streamAction = incident.StreamAction,
            version = incident.Version,
        };
    }

    /// <summary>Stores evidence for the tenant's incident.</summary>
    public async Task<Evidence> AddEvidenceAsync(string tenantId, NewEvidence evidence, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Nonce.Length != Evidence.NonceLength)
        {
            throw new ArgumentException($"An AES-GCM nonce is {Evidence.NonceLength} bytes, got {evidence.Nonce.Length}.", nameof(evidence));
        }

        if (evidence.Tag.Length != Evidence.TagLength)
        {
            throw new ArgumentException($"An AES-GCM tag is {Evidence.TagLength} bytes, got {evidence.Tag.Length}.", nameof(evidence));
        }

        Guard.Text(evidence.KeyId, 200, nameof(evidence.KeyId));
        Guard.Text(evidence.ContentType, 100, nameof(evidence.ContentType));

        return await _db.ExecuteInTransactionAsync(
            async ct =>
            {
                await RequireIncidentAsync(tenantId, evidence.IncidentId, ct).ConfigureAwait(false);
                if (evidence.MatchId is { } matchId &&
                    !await _db.IncidentMatches.AnyAsync(m => m.Id == matchId && m.IncidentId == evidence.IncidentId, ct).ConfigureAwait(false))
                {
                    throw new EntityNotFoundException($"Incident {evidence.IncidentId} has no match {matchId}.");
                }

                var row = new Evidence
                {
                    Id = Guid.CreateVersion7(),
                    IncidentId = evidence.IncidentId,
                    MatchId = evidence.MatchId,
                    CapturedAt = Timestamps.Normalize(evidence.CapturedAt),
                    Thumbnail = evidence.Thumbnail.ToArray(),
                    EncryptedFrame = evidence.EncryptedFrame.ToArray(),
                    Nonce = evidence.Nonce.ToArray(),
                    Tag = evidence.Tag.ToArray(),
                    KeyId = evidence.KeyId,
                    ContentType = evidence.ContentType,
                };
                _db.Evidence.Add(row);
                await _db.SaveChangesAsync(ct).ConfigureAwait(false);
                return row;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores the preview frames whose sequence the incident does not hold yet (a resent frame is skipped) and returns
    /// those it stored. Wrap it in the caller's transaction to audit the addition with it.
    /// </summary>
    public async Task<IReadOnlyList<Evidence>> AddPreviewFramesAsync(
        string tenantId, Guid incidentId, IReadOnlyList<NewPreviewFrame> frames, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        ArgumentNullException.ThrowIfNull(frames);
        foreach (var frame in frames)
        {
            ArgumentNullException.ThrowIfNull(frame, nameof(frames));
            if (frame.Nonce.Length != Evidence.NonceLength || frame.Tag.Length != Evidence.TagLength)
            {
                throw new ArgumentException($"Preview frame {frame.Sequence}: an AES-GCM nonce is {Evidence.NonceLength} bytes and a tag {Evidence.TagLength}.", nameof(frames));
            }

            if (!double.IsFinite(frame.StreamSeconds))
            {
                throw new ArgumentException($"Preview frame {frame.Sequence}: its stream time is not a number.", nameof(frames));
            }

            Guard.Text(frame.KeyId, 200, nameof(frame.KeyId));
            Guard.Text(frame.ContentType, 100, nameof(frame.ContentType));
        }

        return await _db.ExecuteInTransactionAsync(
            async ct =>
            {
                await RequireIncidentAsync(tenantId, incidentId, ct).ConfigureAwait(false);
                var sequences = frames.Select(f => f.Sequence).Distinct().ToList();
                var stored = (await _db.Evidence.AsNoTracking()
                    .Where(e => e.IncidentId == incidentId && e.PreviewSequence != null && sequences.Contains(e.PreviewSequence.Value))
                    .Select(e => e.PreviewSequence!.Value)
                    .ToListAsync(ct).ConfigureAwait(false)).ToHashSet();
                var added = new List<Evidence>();
                foreach (var frame in frames)
                {
                    if (!stored.Add(frame.Sequence))
                    {
                        continue;
                    }

                    added.Add(new Evidence
                    {
                        Id = Guid.CreateVersion7(),
                        IncidentId = incidentId,
                        Kind = EvidenceKind.Preview,
                        CapturedAt = Timestamps.Normalize(frame.CapturedAt),
                        PreviewSequence = frame.Sequence,
                        StreamSeconds = frame.StreamSeconds,
                        EncryptedFrame = frame.EncryptedFrame.ToArray(),
                        Nonce = frame.Nonce.ToArray(),
                        Tag = frame.Tag.ToArray(),
                        KeyId = frame.KeyId,
                        ContentType = frame.ContentType,
                    });
                }

                if (added.Count > 0)
                {
                    _db.Evidence.AddRange(added);
                    await _db.SaveChangesAsync(ct).ConfigureAwait(false);
                }

                return (IReadOnlyList<Evidence>)added;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The incident's preview frames (sequence and stream time), by sequence.</summary>
    public async Task<IReadOnlyList<PreviewFrameSummary>> ListPreviewFramesAsync(string tenantId, Guid incidentId, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        return await _db.Evidence.AsNoTracking()
            .Where(e => e.IncidentId == incidentId && e.PreviewSequence != null && _db.Incidents.Any(i => i.Id == incidentId && i.TenantId == tenantId))
            .OrderBy(e => e.PreviewSequence)
            .Select(e => new PreviewFrameSummary(e.PreviewSequence!.Value, e.StreamSeconds ?? 0))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The incident of any tenant, or null. Only for the incident's own grain, which is addressed by id alone (a
    /// worker attaching frames names no tenant); never reachable from a tenant's API.
    /// </summary>
    public Task<Incident?> FindAnyTenantAsync(Guid incidentId, CancellationToken cancellationToken = default) =>
        _db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken);

    /// <summary>The tenant's evidence, or null.</summary>
    public Task<Evidence?> GetEvidenceAsync(string tenantId, Guid evidenceId, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        return _db.Evidence.AsNoTracking()
            .Where(e => e.Id == evidenceId && _db.Incidents.Any(i => i.Id == e.IncidentId && i.TenantId == tenantId))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The evidence of the tenant's incident, by capture time.</summary>
    public async Task<IReadOnlyList<Evidence>> ListEvidenceAsync(string tenantId, Guid incidentId, CancellationToken cancellationToken = default)
    {
        Guard.TenantId(tenantId);
        return await _db.Evidence.AsNoTracking()
            .Where(e => e.IncidentId == incidentId && _db.Incidents.Any(i => i.Id == incidentId && i.TenantId == tenantId))
            .OrderBy(e => e.CapturedAt).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<AddMatchesResult> AddMatchesCoreAsync(
        string tenantId,
        Guid incidentId,
        IReadOnlyCollection<NewIncidentMatch> matches,
        RiskLevel? level,
        CancellationToken ct)
    {
        var incident = await RequireIncidentAsync(tenantId, incidentId, ct, tracking: true).ConfigureAwait(false);
        if (incident.State == IncidentState.Closed)
        {
            throw new EntityConflictException($"Incident {incidentId} is closed; open a new incident for new matches.");
        }

        var runIds = matches.Select(m => m.RunId).Distinct().ToList();
        var stored = new HashSet<(string, long, long)>();
        if (matches.Count > 0)
        {
            var minFrame = matches.Min(m => m.FrameSequence);
            var maxFrame = matches.Max(m => m.FrameSequence);
            var existing = await _db.IncidentMatches.AsNoTracking()
                .Where(m => m.IncidentId == incidentId && runIds.Contains(m.RunId) && m.FrameSequence >= minFrame && m.FrameSequence <= maxFrame)
                .Select(m => new { m.RunId, m.FrameSequence, m.BankEntryId })
                .ToListAsync(ct).ConfigureAwait(false);
            foreach (var key in existing)
            {
                stored.Add((key.RunId, key.FrameSequence, key.BankEntryId));
            }
        }

        var now = _time.UtcNow();
        var added = new List<IncidentMatch>();
        foreach (var match in matches)
        {
            if (!stored.Add((match.RunId, match.FrameSequence, match.BankEntryId)))
            {
                continue;
            }

            added.Add(new IncidentMatch
            {
                IncidentId = incidentId,
                RunId = match.RunId,
                FrameSequence = match.FrameSequence,
                FrameTimestamp = Timestamps.Normalize(match.FrameTimestamp),
                BankId = match.BankId,
                BankEntryId = match.BankEntryId,
                Distance = match.Distance,
                Variant = match.Variant,
                Quality = match.Quality,
                FrameHash = match.FrameHash,
                MatchedAt = now,
            });
        }

        var levelChanged = level is { } newLevel && newLevel != incident.Level;
        if (added.Count == 0 && !levelChanged)
        {
            return new AddMatchesResult(0, incident, []);
        }

        if (added.Count > 0)
        {
            _db.IncidentMatches.AddRange(added);
            incident.MatchCount += added.Count;
            var best = added.Min(m => m.Distance);
            incident.BestDistance = incident.BestDistance is { } current ? Math.Min(current, best) : best;
            FeedStore.Stage(
                _db,
                tenantId,
                FeedEventKind.IncidentUpdated,
                now,
                new { matchCount = incident.MatchCount, bestDistance = incident.BestDistance, added = added.Count },
                incidentId,
                incident.StreamId);
        }

        if (levelChanged)
        {
            var previous = incident.Level;
            incident.Level = level!.Value;
            FeedStore.Stage(_db, tenantId, FeedEventKind.LevelChanged, now, new { level = incident.Level, previous }, incidentId, incident.StreamId);
        }

        incident.UpdatedAt = now;
        incident.Version++;
        await _db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new AddMatchesResult(added.Count, incident, added);
    }

    private async Task<Incident> UpdateAsync(
        string tenantId,
        Guid incidentId,
        long expectedVersion,
        Func<Incident, DateTimeOffset, object?> apply,
        CancellationToken cancellationToken)
    {
        Guard.TenantId(tenantId);
        try
        {
            return await _db.ExecuteInTransactionAsync(
                async ct =>
                {
                    var incident = await RequireIncidentAsync(tenantId, incidentId, ct, tracking: true).ConfigureAwait(false);
                    if (incident.Version != expectedVersion)
                    {
                        throw Stale(incidentId, expectedVersion, incident.Version, null);
                    }

                    var now = _time.UtcNow();
                    if (apply(incident, now) is not { } payload)
                    {
                        return incident;
                    }

                    incident.UpdatedAt = now;
                    incident.Version++;
                    FeedStore.Stage(_db, tenantId, FeedEventKind.IncidentUpdated, now, payload, incidentId, incident.StreamId);
                    await _db.SaveChangesAsync(ct).ConfigureAwait(false);
                    return incident;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException e)
        {
            // Someone updated the row between our read and our write: the WHERE on Version matched nothing.
            throw Stale(incidentId, expectedVersion, null, e);
        }
    }

    private static ConcurrencyConflictException Stale(Guid incidentId, long expected, long? current, Exception? inner)
    {
        var message = $"Incident {incidentId} changed since version {expected}" +
            (current is { } c ? $" (it is at version {c})" : string.Empty) + "; reload it and decide again.";
        return inner is null
            ? new ConcurrencyConflictException(message) { ExpectedVersion = expected, CurrentVersion = current }
            : new ConcurrencyConflictException(message, inner) { ExpectedVersion = expected, CurrentVersion = current };
    }

    private async Task<Incident> RequireIncidentAsync(string tenantId, Guid incidentId, CancellationToken ct, bool tracking = false)
    {
        var query = _db.Incidents.Where(i => i.Id == incidentId && i.TenantId == tenantId);
        if (tracking)
        {
            _db.ForgetUnchanged<Incident>(incidentId);
        }
        else
        {
            query = query.AsNoTracking();
        }

        return await query.FirstOrDefaultAsync(ct).ConfigureAwait(false)
            ?? throw new EntityNotFoundException($"There is no incident {incidentId} for tenant '{tenantId}'.");
    }

    private static void CheckMatch(NewIncidentMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        Guard.Text(match.RunId, IncidentMatch.MaxRunIdLength, nameof(match.RunId));
        if (match.Distance is < 0 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(match), match.Distance, "A PDQ distance is 0..256.");
        }

        if (match.Variant is < 0 or > 7)
        {
            throw new ArgumentOutOfRangeException(nameof(match), match.Variant, "A dihedral variant is 0..7.");
        }

        if (match.Quality is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(match), match.Quality, "A PDQ quality is 0..100.");
        }
    }

    private static void CheckLevel(RiskLevel level)
    {
        if (!Enum.IsDefined(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown incident level.");
        }
    }
}
