using LiveWatch.Contracts.Feed;
using LiveWatch.Contracts.Incidents;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Scheduling;
using LiveWatch.Contracts.Streams;
using LiveWatch.Grains.Feed;
using LiveWatch.Grains.Matching;
using LiveWatch.Grains.Risk;
using LiveWatch.Grains.Telemetry;
using LiveWatch.Storage;
using IncidentState = LiveWatch.Storage.Entities.IncidentState;
using StreamState = LiveWatch.Storage.Entities.StreamState;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Serialization;

namespace LiveWatch.Grains.Monitoring;

/// <summary>
/// One live stream: frames in, hashes matched against the silo's bank replica, risk kept over time, incidents opened
/// and fed. Hashing a 64x64 canvas with its 8 variants costs ~40 us, so a batch is processed inside the grain's turn.
/// If a state or incident write fails, the grain drops its in-memory state (deactivates) and the caller gets the
/// error: the worker's retry of the same batch is then processed from the last persisted state, once in effect.
/// </summary>
public sealed partial class StreamMonitorGrain : Grain, IStreamMonitorGrain
{
    /// <summary>Longest ingest reason kept (ffmpeg's last lines can be long); the rest is cut.</summary>
    public const int MaxIngestReasonLength = 2000;

    private readonly IPersistentState<StreamMonitorState> _state;
    private readonly IServiceScopeFactory _scopes;
    private readonly HashBankReplica _replica;
    private readonly IOptionsMonitor<StreamMonitorOptions> _tenantOptions;
    private readonly TimeProvider _time;
    private readonly LiveWatchMetrics _metrics;
    private readonly DeepCopier<StreamMonitorState> _copier;
    private readonly ILogger<StreamMonitorGrain> _logger;
    private StreamKey _key;
    private StreamMonitorOptions _options = new();
    private FrameAnalyzer? _analyzer;
    private RiskEngine? _engine;
    private DateTimeOffset _lastPersistedAt;
    private bool _unsaved;
    private bool _discardOnDeactivation;

    public StreamMonitorGrain(
        [PersistentState("stream", "streams")] IPersistentState<StreamMonitorState> state,
        IServiceScopeFactory scopes,
        HashBankReplica replica,
        IOptionsMonitor<StreamMonitorOptions> options,
        TimeProvider time,
        LiveWatchMetrics metrics,
        DeepCopier<StreamMonitorState> copier,
        ILogger<StreamMonitorGrain> logger)
    {
        _state = state;
        _scopes = scopes;
        _replica = replica;
        _tenantOptions = options;
        _time = time;
        _metrics = metrics;
        _copier = copier;
        _logger = logger;
    }

    private FrameAnalyzer Analyzer => _analyzer ?? throw new InvalidOperationException("The grain is not activated.");

    private RiskEngine Engine => _engine ?? throw new InvalidOperationException("The grain is not activated.");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = StreamKey.FromGrainKey(this.GetPrimaryKeyString());
        // The tenant's own numbers (its overrides on top of the defaults), read once per activation.
        _options = _tenantOptions.Get(_key.TenantId);
        _analyzer = new FrameAnalyzer(_replica, _key.TenantId, _options.Analysis);
        _engine = new RiskEngine(_options.Risk);

        // The periodic write is due at a random point of the first interval: streams activated together (a silo start,
        // a rebalance) would otherwise write all at once every interval, and a thousand queued writes stalled every
        // stream's batches for over a second in the load test.
        _lastPersistedAt = _time.GetUtcNow() - (_options.PersistInterval * Random.Shared.NextDouble());
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A graceful shutdown or idle collection keeps what arrived since the last periodic write (dedup cursor,
        // counters), so a restart neither counts nor reprocesses those frames again. After a failed batch the in-memory
        // state is exactly what must not be written: the retry starts from the persisted state.
        if (_unsaved && !_discardOnDeactivation)
        {
            await PersistAsync().ConfigureAwait(true);
        }
    }

    public async ValueTask<IngestAck> IngestAsync(FrameBatch batch)
    {
        ValidateBatch(batch?.RunId, batch?.Frames?.Count ?? -1);
        foreach (var frame in batch!.Frames)
        {
            ValidatePicture(frame);
        }

        return await ProcessAsync(batch.RunId, batch.Frames, hashesFrames: true, static (analyzer, frame) => analyzer.Analyze(frame), static f => f.Sequence,
            static f => f.StreamSeconds,
            static f => new IncidentEvidence(f.Sequence, f.CapturedAt, f.Picture.Width, f.Picture.Height, f.Picture.Format, f.Picture.Pixels)).ConfigureAwait(true);
    }

    public async ValueTask<IngestAck> PushHashesAsync(HashBatch batch)
    {
        ValidateBatch(batch?.RunId, batch?.Hashes?.Count ?? -1);
        foreach (var hash in batch!.Hashes)
        {
            if (hash.Quality is < 0 or > 100)
            {
                throw new ArgumentException($"Stream {_key}: hash {hash.Sequence} has quality {hash.Quality}; it must be 0..100.", nameof(batch));
            }
        }

        // Pushed hashes come from the platform, which keeps no preview ring: no stream times, no preview requests.
        return await ProcessAsync(batch.RunId, batch.Hashes, hashesFrames: false, static (analyzer, hash) => analyzer.Analyze(hash), static h => h.Sequence,
            static _ => null, static _ => null)
            .ConfigureAwait(true);
    }

    public async Task StopAsync()
    {
        _state.State.Stopped = true;
        await PersistAsync().ConfigureAwait(true);
        LogStopped(_key);
    }

    public async Task ResumeAsync()
    {
        if (_state.State.Stopped)
        {
            _state.State.Stopped = false;

            // What a worker said before the stop is history: the next lease's worker reports afresh.
            _state.State.Ingest = null;
            await PersistAsync().ConfigureAwait(true);
            LogResumed(_key);
        }
    }

    /// <inheritdoc />
    public async Task ReportIngestStateAsync(IngestStateReport report)
    {
        ValidateReport(report);
        var s = _state.State;
        if (s.Stopped)
        {
            // Stopped on request: a worker's late report must neither revive it nor show as its state.
            LogIngestReportIgnored(_key, report.State, report.WorkerId);
            return;
        }

        // Kept with its reason cut to a bounded length; compared as kept, so a retry of a long report is a repeat.
        var kept = report.Reason is { Length: > MaxIngestReasonLength } reason ? report with { Reason = reason[..MaxIngestReasonLength] } : report;
        var previous = s.Ingest;
        if (previous is not null && previous != kept && previous.WorkerId == report.WorkerId && report.At < previous.At)
        {
            // Overtaken by a later report of the same worker.
            return;
        }

        // A retried report (the same as the last) records nothing again, but is followed through below: its first
        // attempt may have failed after recording it.
        if (previous != kept)
        {
            await RecordIngestStateAsync(kept).ConfigureAwait(true);
        }

        if (report.State is IngestState.Ended or IngestState.Failed)
        {
            // The source is gone for good: no worker should keep trying it. Registering the stream again resumes it.
            await GrainFactory.GetGrain<IIngestSchedulerGrain>(IngestScheduler.Key).UnscheduleAsync(_key).ConfigureAwait(true);
        }
    }

    /// <inheritdoc />
    public async Task IncidentDismissedAsync(Guid incidentId)
    {
        var s = _state.State;
        var (entries, dismissed) = (s.IncidentEntries, s.DismissedEntries);
        if (!ForgetDismissed(incidentId))
        {
            return;
        }

        try
        {
            await PersistAsync().ConfigureAwait(true);
        }
        catch
        {
            // Held again, so the incident's retry finds it and forgets it then.
            (s.OpenIncidentId, s.IncidentEntries, s.DismissedEntries) = (incidentId, entries, dismissed);
            throw;
        }
    }

    public ValueTask<StreamStatus> GetStatusAsync()
    {
        var s = _state.State;
        var score = s.Started ? Engine.ScoreAt(s.Risk, _time.GetUtcNow()) : 0;
        return ValueTask.FromResult(new StreamStatus(
            _key, s.Risk.Level, score, s.FramesReceived, s.FramesMatched, s.FramesLowQuality, s.FramesNearDuplicate,
            s.Repeats, s.LastFrameAt, s.OpenIncidentId, s.Stopped, s.Ingest?.State, s.Ingest?.Reason, s.Ingest?.WorkerId, s.Ingest?.Restarts ?? 0,
            s.Ingest?.At));
    }

    private async ValueTask<IngestAck> ProcessAsync<T>(
        string runId,
        IReadOnlyList<T> items,
        bool hashesFrames,
        Func<FrameAnalyzer, T, FrameAnalysis> analyze,
        Func<T, long> sequenceOf,
        Func<T, double?> streamSecondsOf,
        Func<T, IncidentEvidence?> evidenceOf)
    {
        var s = _state.State;
        if (s.Stopped)
        {
            throw new InvalidOperationException($"Stream {_key} is stopped; register it again to resume monitoring.");
        }

        using var activity = LiveWatchActivitySource.Source.StartActivity(LiveWatchActivitySource.StreamBatch);
        activity?.SetTag(LiveWatchSpanTags.Tenant, _key.TenantId);
        activity?.SetTag(LiveWatchSpanTags.Stream, _key.StreamId);
        activity?.SetTag(LiveWatchSpanTags.Frames, items.Count);
        var now = _time.GetUtcNow();
        var startedAt = _time.GetTimestamp();
        _unsaved = true;
        if (!s.Started)
        {
            s.Started = true;
            s.Risk = RiskState.Start(now);
        }

        // What to persist if this batch opens an incident (see below); a few hundred bytes.
        var before = _copier.Copy(s);
        var levelBefore = s.Risk.Level;
        int accepted = 0, repeats = 0, matched = 0;
        var matches = new List<IncidentMatch>();
        var evidence = new List<IncidentEvidence>();
        var openIncident = false;
        long? openingFrameAcceptedAt = null;
        double? latestSeconds = null, firstMatchSeconds = null, lastMatchSeconds = null;
        var sampling = Engine.Options.SamplingFor(s.Risk.Level);
        foreach (var item in items)
        {
            var sequence = sequenceOf(item);
            if (!s.Cursor.TryAccept(runId, sequence))
            {
                repeats++;
                s.Repeats++;
                continue;
            }

            accepted++;
            var acceptedAt = _time.GetTimestamp();
            var seconds = streamSecondsOf(item);
            if (seconds is { } at && double.IsFinite(at))
            {
                latestSeconds = Math.Max(latestSeconds ?? at, at);
            }
            var analysis = analyze(Analyzer, item);
            s.FramesReceived++;
            s.LastFrameAt = now;
            switch (analysis.Outcome)
            {
                case FrameOutcome.LowQuality:
                    s.FramesLowQuality++;
                    _metrics.FramesSkipped.Add(1, new KeyValuePair<string, object?>("reason", "low_quality"));
                    break;
                case FrameOutcome.NearDuplicate:
                    s.FramesNearDuplicate++;
                    _metrics.FramesSkipped.Add(1, new KeyValuePair<string, object?>("reason", "near_duplicate"));
                    break;
            }

            var observation = analysis.Match.IsMatch
                ? RiskObservation.Nearest(analysis.Match.Distance, analysis.Match.DistanceThreshold)
                : RiskObservation.NoMatch;
            var assessment = Engine.Observe(s.Risk, observation, now);
            s.Risk = assessment.State;
            sampling = assessment.Sampling;
            foreach (var change in assessment.Changes)
            {
                _metrics.LevelChanges.Add(1, new KeyValuePair<string, object?>("level", change.To.ToString()));
            }
            openIncident |= assessment.OpenIncident;
            if (assessment.OpenIncident)
            {
                openingFrameAcceptedAt ??= acceptedAt;
            }

            if (s.Risk.Level == Contracts.Risk.RiskLevel.Clear && !assessment.OpenIncident)
            {
                // The episode is over: the next rise opens a new incident, and what a moderator dismissed in it no
                // longer holds anything back.
                s.OpenIncidentId = null;
                s.IncidentEntries = [];
                s.DismissedEntries = null;
            }

            if (analysis.Match.IsMatch)
            {
                matched++;
                s.FramesMatched++;
                if (seconds is { } matchedAt && double.IsFinite(matchedAt))
                {
                    firstMatchSeconds = Math.Min(firstMatchSeconds ?? matchedAt, matchedAt);
                    lastMatchSeconds = Math.Max(lastMatchSeconds ?? matchedAt, matchedAt);
                }

                _metrics.Matches.Add(1, new KeyValuePair<string, object?>("bank", analysis.Match.BankId));
                matches.Add(new IncidentMatch(runId, sequence, now, analysis.Match.BankId, analysis.Match.EntryId,
                    analysis.Match.Distance, analysis.Match.Variant, analysis.Quality, analysis.Hash));
                if (evidence.Count < _options.MaxEvidencePerReport && analysis.Outcome != FrameOutcome.NearDuplicate && evidenceOf(item) is { } picture)
                {
                    evidence.Add(picture);
                }
            }
        }

        var opened = false;
        var forgot = false;
        var report = new IncidentReport(_key, s.Risk.Level, now, matches, evidence);
        try
        {
            if (s.OpenIncidentId is { } incidentId && (matches.Count > 0 || s.Risk.Level != levelBefore))
            {
                // Refused when the dismissal landed first (its word to this grain may still be on its way).
                forgot = !await ReportToAsync(incidentId, report).ConfigureAwait(true);
            }

            if (s.OpenIncidentId is null && (openIncident || IsNewSinceDismissal(s, matches)))
            {
                opened = true;
                // Chosen and persisted first, but with the state as it was before this batch: a retry after a failed
                // report reaches the same incident, and its frames are not yet marked as seen, so the retry reports
                // them again rather than dropping them as repeats.
                var openingId = s.NextIncidentId ?? Guid.CreateVersion7(now);
                if (s.NextIncidentId is null)
                {
                    before.NextIncidentId = openingId;
                    await PersistAsync(before).ConfigureAwait(true);
                }

                s.OpenIncidentId = openingId;
                s.NextIncidentId = null;
                s.IncidentEntries = [];
                LogIncidentOpening(_key, openingId, s.Risk.Level);
                _metrics.IncidentsOpened.Add(1);

                // Refused only on a retry whose first attempt opened the incident and a moderator dismissed it since:
                // it holds these matches already.
                if (await ReportToAsync(openingId, report).ConfigureAwait(true) && openingFrameAcceptedAt is { } frameAcceptedAt)
                {
                    // The report returns only once the incident is committed: this is the moment it becomes durable.
                    _metrics.FrameToIncident.Record(_time.GetElapsedTime(frameAcceptedAt).TotalMilliseconds);
                }
            }

            if (opened || forgot || s.Risk.Level != levelBefore || now - _lastPersistedAt >= _options.PersistInterval)
            {
                await PersistAsync().ConfigureAwait(true);
            }
        }
        catch (Exception e)
        {
            // Forget what this batch did in memory: the retry must be processed against the persisted state.
            LogBatchFailed(e, _key);
            activity.RecordFailure(e);
            _discardOnDeactivation = true;
            DeactivateOnIdle();
            throw;
        }

        var preview = await PreviewRequestAsync(runId, latestSeconds, firstMatchSeconds, lastMatchSeconds).ConfigureAwait(true);
        _metrics.FramesReceived.Add(accepted);
        if (hashesFrames)
        {
            _metrics.FramesHashed.Add(accepted);
        }

        _metrics.FramesRepeated.Add(repeats);
        _metrics.BatchDuration.Record(_time.GetElapsedTime(startedAt).TotalMilliseconds);
        if (activity is not null)
        {
            activity.SetTag(LiveWatchSpanTags.Accepted, accepted);
            activity.SetTag(LiveWatchSpanTags.Repeats, repeats);
            activity.SetTag(LiveWatchSpanTags.Matched, matched);
            activity.SetTag(LiveWatchSpanTags.Level, s.Risk.Level.ToString());
            activity.SetTag(LiveWatchSpanTags.IncidentId, s.OpenIncidentId?.ToString());
        }

        return new IngestAck(sampling, s.Risk.Level, accepted, repeats, matched, s.OpenIncidentId, preview);
    }

    // A moderator dismissed the episode's incident: a match on an entry it did not hold may be real, and it opens a
    // new incident; the same entries again are the false positive the moderator saw, and open nothing.
    private static bool IsNewSinceDismissal(StreamMonitorState s, List<IncidentMatch> matches) =>
        s.DismissedEntries is { } dismissed && matches.Exists(m => !dismissed.Contains(m.BankEntryId));

    // False when a moderator dismissed the incident meanwhile: nothing was recorded, and the stream forgets it.
    private async Task<bool> ReportToAsync(Guid incidentId, IncidentReport report)
    {
        var summary = await GrainFactory.GetGrain<IIncidentGrain>(incidentId).ReportAsync(report).ConfigureAwait(true);
        if (summary.State == nameof(IncidentState.Dismissed))
        {
            ForgetDismissed(incidentId);
            return false;
        }

        _state.State.IncidentEntries.UnionWith(report.Matches.Select(m => m.BankEntryId));
        return true;
    }

    // New sets rather than changes in place, so a caller can put back the ones it held.
    private bool ForgetDismissed(Guid incidentId)
    {
        var s = _state.State;
        if (s.OpenIncidentId != incidentId)
        {
            return false;
        }

        s.OpenIncidentId = null;
        s.DismissedEntries = [.. s.DismissedEntries ?? [], .. s.IncidentEntries];
        s.IncidentEntries = [];
        LogIncidentDismissed(_key, incidentId, s.DismissedEntries.Count);
        return true;
    }

    // Follows the open incident's matches in stream time and says which preview frames to ask the worker for, until
    // the incident holds them. At least once: the grain keeps asking until the incident reports the frames attached
    // (or the stream is far past the window), and the incident ignores frames it holds already.
    private async Task<EvidenceRequest?> PreviewRequestAsync(string runId, double? latestSeconds, double? firstMatchSeconds, double? lastMatchSeconds)
    {
        var s = _state.State;
        if (latestSeconds is { } latest && (s.LatestRunId != runId || s.LatestStreamSeconds is not { } known || latest > known))
        {
            s.LatestRunId = runId;
            s.LatestStreamSeconds = latest;
        }

        if (s.OpenIncidentId is not { } incidentId)
        {
            return null;
        }

        var window = s.Preview;
        if (firstMatchSeconds is { } first && lastMatchSeconds is { } last)
        {
            if (window is null || window.IncidentId != incidentId || !string.Equals(window.RunId, runId, StringComparison.Ordinal))
            {
                // The incident's first match with a stream time, or the first of a new run (whose clock restarted).
                var full = window is not null && window.IncidentId == incidentId && window.Full;
                window = s.Preview = new PreviewEvidenceWindow { IncidentId = incidentId, RunId = runId, FirstMatchSeconds = first, LastMatchSeconds = last, Full = full };
            }
            else
            {
                window.FirstMatchSeconds = Math.Min(window.FirstMatchSeconds, first);
                if (last > window.LastMatchSeconds)
                {
                    window.LastMatchSeconds = last;
                    window.Complete = false;
                }
            }
        }

        if (window is null || window.Complete || window.Full || window.IncidentId != incidentId)
        {
            return null;
        }

        if (!string.Equals(s.LatestRunId, window.RunId, StringComparison.Ordinal))
        {
            // A new run without a match yet: its stream times say nothing about the window, and the old ring is gone.
            window.Complete = true;
            LogPreviewGaveUp(_key, incidentId, "a new sampler run started");
            return null;
        }

        var preview = _options.Preview;
        var from = Math.Max(0, window.FirstMatchSeconds - preview.Before.TotalSeconds);
        var to = window.LastMatchSeconds + preview.After.TotalSeconds;
        if (s.LatestStreamSeconds is { } reached && reached > to + preview.GiveUpAfter.TotalSeconds)
        {
            window.Complete = true;
            LogPreviewGaveUp(_key, incidentId, "the stream is far past the window");
            return null;
        }

        // Past the window's end, or every `After` of stream time while matches keep pushing the end on (a picture that
        // stays on screen): ask the incident what it holds. Without the second, a stream matching for minutes asked
        // for frames on every batch long after the incident had all it keeps, and every upload failed.
        if (s.LatestStreamSeconds is { } now &&
            (now > to || now - (window.CoverageCheckedAtSeconds ?? window.FirstMatchSeconds) >= preview.After.TotalSeconds))
        {
            window.CoverageCheckedAtSeconds = now;
            try
            {
                var coverage = await GrainFactory.GetGrain<IIncidentGrain>(incidentId).GetPreviewCoverageAsync().ConfigureAwait(true);
                if (coverage.Full || (now > to && coverage.LatestStreamSeconds >= to - preview.CompleteWithin.TotalSeconds))
                {
                    window.Complete = true;
                    window.Full = coverage.Full; // full stays full: later matches reopen the window, not the requests
                    LogPreviewComplete(_key, incidentId, coverage.Count);
                    return null;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Asking again costs nothing: the incident ignores frames it has.
                LogCoverageFailed(e, _key, incidentId);
            }
        }

        return new EvidenceRequest(incidentId, from, to);
    }

    // The store first (it is the truth the API and the scheduler read), then the feed, then what the grain shows: a
    // failure anywhere fails the call, and the worker's retry does the rest (the store writes nothing twice).
    private async Task RecordIngestStateAsync(IngestStateReport report)
    {
        IReadOnlyList<FeedNotification> notifications;
        await using (var scope = _scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiveWatchDbContext>();
            var streams = scope.ServiceProvider.GetRequiredService<StreamStore>();
            var feed = scope.ServiceProvider.GetRequiredService<FeedStore>();
            notifications = await db.ExecuteInTransactionAsync(async ct =>
            {
                await streams.SetIngestStateAsync(_key.TenantId, _key.StreamId, ToStreamState(report.State), ct).ConfigureAwait(true);
                return await feed.GetWrittenNotificationsAsync(ct).ConfigureAwait(true);
            }).ConfigureAwait(true);
        }

        await FeedPublisher.PublishAsync(this, notifications, _logger).ConfigureAwait(true);
        var s = _state.State;
        var previous = s.Ingest;
        s.Ingest = report;
        try
        {
            await PersistAsync().ConfigureAwait(true);
        }
        catch
        {
            s.Ingest = previous;
            throw;
        }

        LogIngestState(_key, report.State, report.WorkerId, report.Restarts, report.Reason);
    }

    private static StreamState ToStreamState(IngestState state) => state switch
    {
        IngestState.Starting => StreamState.Starting,
        IngestState.Live => StreamState.Live,
        IngestState.Stalled => StreamState.Stalled,
        IngestState.Reconnecting => StreamState.Reconnecting,
        IngestState.Ended => StreamState.Ended,
        IngestState.Failed => StreamState.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown ingest state."),
    };

    private void ValidateReport(IngestStateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!Enum.IsDefined(report.State))
        {
            throw new ArgumentException($"Stream {_key}: unknown ingest state {report.State}.", nameof(report));
        }

        if (string.IsNullOrWhiteSpace(report.WorkerId))
        {
            throw new ArgumentException($"Stream {_key}: an ingest report names no worker.", nameof(report));
        }

        if (report.Restarts < 0)
        {
            throw new ArgumentException($"Stream {_key}: restarts must not be negative, got {report.Restarts}.", nameof(report));
        }
    }

    private async Task PersistAsync()
    {
        await _state.WriteStateAsync().ConfigureAwait(true);
        _lastPersistedAt = _time.GetUtcNow();
        _unsaved = false;
    }

    // Writes `state` in place of the current state, which stays what the grain works on.
    private async Task PersistAsync(StreamMonitorState state)
    {
        var current = _state.State;
        _state.State = state;
        try
        {
            await _state.WriteStateAsync().ConfigureAwait(true);
        }
        finally
        {
            _state.State = current;
        }
    }

    private void ValidateBatch(string? runId, int count)
    {
        if (string.IsNullOrWhiteSpace(runId))
        {
            throw new ArgumentException($"Stream {_key}: the batch has no run id.", nameof(runId));
        }

        if (count < 0)
        {
            throw new ArgumentException($"Stream {_key}: the batch has no frame list.", nameof(count));
        }

        if (count > _options.MaxBatchSize)
        {
            throw new ArgumentException($"Stream {_key}: a batch holds at most {_options.MaxBatchSize} frames, got {count}.", nameof(count));
        }
    }

    private void ValidatePicture(SampledFrame frame)
    {
        var picture = frame?.Picture ?? throw new ArgumentException($"Stream {_key}: a frame without a picture.", nameof(frame));
        if (picture.Width <= 0 || picture.Height <= 0 || picture.Width > _options.MaxPictureSide || picture.Height > _options.MaxPictureSide)
        {
            throw new ArgumentException(
                $"Stream {_key}: frame {frame.Sequence} is {picture.Width}x{picture.Height}; sides must be 1..{_options.MaxPictureSide}.", nameof(frame));
        }

        var needed = (long)picture.Width * picture.Height * Hashing.Pdq.PixelFormatInfo.BytesPerPixel(picture.Format);
        if (picture.Pixels is null || picture.Pixels.Length != needed)
        {
            throw new ArgumentException(
                $"Stream {_key}: frame {frame.Sequence} should hold {needed} bytes for {picture.Width}x{picture.Height} {picture.Format}, got {picture.Pixels?.Length ?? 0}.", nameof(frame));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream}: monitoring stopped")]
    private partial void LogStopped(StreamKey stream);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream}: ingest {State} on worker {WorkerId} ({Restarts} restarts): {Reason}")]
    private partial void LogIngestState(StreamKey stream, IngestState state, string workerId, int restarts, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream}: ingest report {State} from worker {WorkerId} ignored; the stream is stopped")]
    private partial void LogIngestReportIgnored(StreamKey stream, IngestState state, string workerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream}: incident {IncidentId} holds its preview frames ({Count})")]
    private partial void LogPreviewComplete(StreamKey stream, Guid incidentId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream}: no more preview frames asked for incident {IncidentId}: {Why}")]
    private partial void LogPreviewGaveUp(StreamKey stream, Guid incidentId, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream}: could not ask incident {IncidentId} which preview frames it holds; asking the worker again")]
    private partial void LogCoverageFailed(Exception exception, StreamKey stream, Guid incidentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream}: monitoring resumed")]
    private partial void LogResumed(StreamKey stream);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream}: opening incident {IncidentId} at level {Level}")]
    private partial void LogIncidentOpening(StreamKey stream, Guid incidentId, Contracts.Risk.RiskLevel level);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream}: incident {IncidentId} was dismissed; a match on a bank entry other than its {Entries} opens a new incident")]
    private partial void LogIncidentDismissed(StreamKey stream, Guid incidentId, int entries);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {Stream}: a batch failed; in-memory state dropped so the retry starts from the persisted state")]
    private partial void LogBatchFailed(Exception exception, StreamKey stream);
}
