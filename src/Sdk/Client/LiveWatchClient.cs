using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using LiveWatch.Sdk.Client.Models;
using LiveWatch.Sdk.Media;

namespace LiveWatch.Sdk.Client;

/// <summary>
/// A platform's typed client for LiveWatch's REST API (<c>/api/v1</c>): register and stop streams, push frames,
/// pictures or locally computed hashes, read and decide incidents, export a confirmed incident's report, and follow
/// the live feed.
/// </summary>
/// <remarks>
/// <para>
/// Every call sends the platform's API key and is retried on transient failures (connection errors, timeouts of one
/// attempt, 5xx, 408, and 429 after its <c>Retry-After</c>) with capped exponential backoff and jitter, up to
/// <see cref="LiveWatchClientOptions.MaxRetries"/> times. Other refusals are not retried: they throw
/// <see cref="LiveWatchApiException"/> with the server's problem detail at once.
/// </para>
/// <para>
/// Pushes are safe to retry: the stream's monitor remembers recent (run id, sequence) pairs and answers a repeat with
/// <see cref="PushResult.Repeats"/> instead of counting it again. That is why every push takes a run id and
/// sequence numbers: keep the run for as long as the platform's sender lives and never reuse a sequence within it.
/// </para>
/// <para>Thread-safe; one instance (or one per <see cref="IHttpClientFactory"/> client) serves the whole platform.</para>
/// </remarks>
public sealed class LiveWatchClient
{
    /// <summary>Most frames one push may carry (the monitor's batch size).</summary>
    public const int MaxFramesPerPush = 64;


    private readonly HttpClient _http;
    private readonly LiveWatchClientOptions _options;
    private readonly Uri _api;
    private readonly RetryPolicy _retry;
    private readonly TimeProvider _time;

    /// <summary>A client over <paramref name="httpClient"/> (which it does not dispose).</summary>
    /// <exception cref="ArgumentException">An option is out of range, or there is no base address.</exception>
    public LiveWatchClient(HttpClient httpClient, LiveWatchClientOptions options)
        : this(httpClient, options, TimeProvider.System)
    {
    }

    /// <summary>A client over <paramref name="httpClient"/> whose retry delays run on <paramref name="timeProvider"/>.</summary>
    /// <exception cref="ArgumentException">An option is out of range, or there is no base address.</exception>
    public LiveWatchClient(HttpClient httpClient, LiveWatchClientOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        var baseAddress = options.BaseAddress ?? httpClient.BaseAddress
            ?? throw new ArgumentException("Set LiveWatchClientOptions.BaseAddress or the HttpClient's BaseAddress.", nameof(options));
        if (!baseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException($"The base address must be absolute, got '{baseAddress}'.", nameof(options));
        }

        // A trailing slash keeps a base path (https://host/livewatch/) when the relative API paths are resolved.
        _api = new Uri(baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/"), "api/v1/");
        _http = httpClient;
        _options = options;
        _time = timeProvider;
        _retry = new RetryPolicy(options, timeProvider);
    }

    /// <summary>Registers a stream (201), or resumes a stopped one (200).</summary>
    /// <remarks>Not idempotent: if a retried registration's first attempt did arrive, the retry is refused with 409.</remarks>
    /// <exception cref="LiveWatchApiException">Refused, e.g. 409 when the stream is already registered and not stopped.</exception>
    public Task<StreamInfo> RegisterStreamAsync(StreamRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return SendJsonAsync<StreamInfo>(HttpMethod.Post, "streams", () => JsonContent.Create(registration, options: LiveWatchJson.Options), cancellationToken);
    }

    /// <summary>Registers a stream (see <see cref="RegisterStreamAsync(StreamRegistration, CancellationToken)"/>).</summary>
    public Task<StreamInfo> RegisterStreamAsync(
        string streamId, Uri? sourceUrl, string? channel, string? userId, string? title, int priority, CancellationToken cancellationToken) =>
        RegisterStreamAsync(new StreamRegistration(streamId, sourceUrl, channel, userId, title, priority), cancellationToken);

    /// <summary>Stops monitoring a stream; pushes are refused (409) until it is registered again.</summary>
    public Task<StreamInfo> StopStreamAsync(string streamId, CancellationToken cancellationToken) =>
        SendJsonAsync<StreamInfo>(HttpMethod.Post, $"streams/{Segment(streamId)}/stop", null, cancellationToken);

    /// <summary>A stream with its monitor's risk level and counters.</summary>
    /// <exception cref="LiveWatchApiException">404 when the platform has no such stream.</exception>
    public Task<StreamInfo> GetStreamAsync(string streamId, CancellationToken cancellationToken) =>
        SendJsonAsync<StreamInfo>(HttpMethod.Get, $"streams/{Segment(streamId)}", null, cancellationToken);

    /// <summary>The platform's streams (only those in <paramref name="state"/>, when given), highest priority first.</summary>
    public Task<IReadOnlyList<StreamInfo>> ListStreamsAsync(StreamState? state, CancellationToken cancellationToken) =>
        SendJsonAsync<IReadOnlyList<StreamInfo>>(HttpMethod.Get, $"streams{Query(("state", state?.ToString()))}", null, cancellationToken);

    /// <summary>
    /// Pushes raw 8-bit luma frames of one size (64x64 canvases, or any size), numbered from <paramref name="firstSequence"/>
    /// in run <paramref name="runId"/>. Safe to retry: a repeat of the same run and sequences is ignored.
    /// </summary>
    /// <exception cref="ArgumentException">No frames, more than <see cref="MaxFramesPerPush"/>, or a frame that is not width x height bytes.</exception>
    public Task<PushResult> PushFramesAsync(
        string streamId, string runId, long firstSequence, IReadOnlyList<ReadOnlyMemory<byte>> lumaFrames, int width, int height,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lumaFrames);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentOutOfRangeException.ThrowIfNegative(firstSequence);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (lumaFrames.Count is 0 or > MaxFramesPerPush)
        {
            throw new ArgumentException($"A push carries 1..{MaxFramesPerPush} frames, got {lumaFrames.Count}.", nameof(lumaFrames));
        }

        // The frames go back to back in one body; the server splits them by size.
        var size = width * height;
        var body = new byte[size * lumaFrames.Count];
        for (var i = 0; i < lumaFrames.Count; i++)
        {
            if (lumaFrames[i].Length != size)
            {
                throw new ArgumentException($"Frame {i} has {lumaFrames[i].Length} bytes; a {width}x{height} luma frame has {size}.", nameof(lumaFrames));
            }

            lumaFrames[i].Span.CopyTo(body.AsSpan(i * size));
        }

        var query = Query(("run", runId), ("seq", Number(firstSequence)), ("width", Number(width)), ("height", Number(height)));
        return SendJsonAsync<PushResult>(
            HttpMethod.Post, $"streams/{Segment(streamId)}/frames{query}", () => Bytes(body, "application/octet-stream"), cancellationToken);
    }

    /// <summary>
    /// Pushes one PNG or JPEG picture as frame <paramref name="sequence"/> of run <paramref name="runId"/>; LiveWatch
    /// decodes it in a child process. Safe to retry: a repeat of the same run and sequence is ignored.
    /// </summary>
    /// <exception cref="ArgumentException">The bytes are neither PNG nor JPEG.</exception>
    public Task<PushResult> PushPictureAsync(string streamId, string runId, long sequence, ReadOnlyMemory<byte> picture, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        var contentType = PictureSignature.ContentTypeOf(picture.Span)
            ?? throw new ArgumentException("The picture is neither PNG nor JPEG (by its first bytes).", nameof(picture));
        var query = Query(("run", runId), ("seq", Number(sequence)));
        return SendJsonAsync<PushResult>(
            HttpMethod.Post, $"streams/{Segment(streamId)}/frames{query}", () => Bytes(picture, contentType), cancellationToken);
    }

    /// <summary>
    /// Pushes PDQ hashes computed on the platform's side (no pixels leave the platform). Safe to retry: hashes whose
    /// run and sequence were seen already are ignored.
    /// </summary>
    public Task<PushResult> PushHashesAsync(string streamId, string runId, IReadOnlyList<PushedHash> hashes, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(hashes);
        if (hashes.Count is 0 or > MaxFramesPerPush)
        {
            throw new ArgumentException($"A push carries 1..{MaxFramesPerPush} hashes, got {hashes.Count}.", nameof(hashes));
        }

        var request = new { runId, hashes };
        return SendJsonAsync<PushResult>(
            HttpMethod.Post, $"streams/{Segment(streamId)}/hashes", () => JsonContent.Create(request, options: LiveWatchJson.Options), cancellationToken);
    }

    /// <summary>
    /// Hash-only mode: decodes the picture file on this machine (ffmpeg child process), computes its PDQ hash and
    /// pushes only the hash as frame <paramref name="sequence"/> of run <paramref name="runId"/>.
    /// </summary>
    /// <exception cref="Media.MediaDecodeException">The file could not be decoded.</exception>
    public async Task<PushResult> PushHashesOfPictureAsync(string streamId, string runId, long sequence, string picturePath, CancellationToken cancellationToken)
    {
        var hash = await PlatformHasher.HashPictureAsync(picturePath, sequence, cancellationToken).ConfigureAwait(false);
        return await PushHashesAsync(streamId, runId, [hash], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The platform's incidents, newest first.</summary>
    public Task<IReadOnlyList<IncidentSummary>> ListIncidentsAsync(IncidentFilter? filter, CancellationToken cancellationToken)
    {
        var query = Query(
            ("state", filter?.State?.ToString()),
            ("stream", filter?.StreamId),
            ("minLevel", filter?.MinLevel?.ToString()),
            ("max", filter?.Max is { } max ? Number(max) : null));
        return SendJsonAsync<IReadOnlyList<IncidentSummary>>(HttpMethod.Get, $"incidents{query}", null, cancellationToken);
    }

    /// <summary>An incident with its matches and evidence references.</summary>
    /// <exception cref="LiveWatchApiException">404 when the platform has no such incident.</exception>
    public Task<IncidentDetail> GetIncidentAsync(Guid incidentId, CancellationToken cancellationToken) =>
        SendJsonAsync<IncidentDetail>(HttpMethod.Get, $"incidents/{incidentId}", null, cancellationToken);

    /// <summary>Assigns the incident to <paramref name="assignee"/> (an actor id), or unassigns it when null.</summary>
    /// <param name="incidentId">The incident.</param>
    /// <param name="assignee">Whom to; null unassigns.</param>
    /// <param name="expectedVersion">The <see cref="IncidentSummary.Version"/> decided on; null decides on whatever is current.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="IncidentDecisionConflictException">The incident changed since <paramref name="expectedVersion"/>.</exception>
    public Task<IncidentDecisionResult> AssignIncidentAsync(Guid incidentId, string? assignee, long? expectedVersion, CancellationToken cancellationToken) =>
        DecideAsync(incidentId, "assign", new { assignee, expectedVersion }, cancellationToken);

    /// <summary>Confirms the match (from Open or Escalated).</summary>
    /// <param name="incidentId">The incident.</param>
    /// <param name="reason">An optional note (at most 2000 characters).</param>
    /// <param name="expectedVersion">The <see cref="IncidentSummary.Version"/> decided on; null decides on whatever is current.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="IncidentDecisionConflictException">Someone else decided already (e.g. dismissed it), or the incident changed since <paramref name="expectedVersion"/>.</exception>
    public Task<IncidentDecisionResult> ConfirmIncidentAsync(Guid incidentId, string? reason, long? expectedVersion, CancellationToken cancellationToken) =>
        DecideAsync(incidentId, "confirm", new { reason, expectedVersion }, cancellationToken);

    /// <summary>Dismisses the incident as a false positive (from Open or Escalated).</summary>
    /// <param name="incidentId">The incident.</param>
    /// <param name="reason">Why (required, at most 2000 characters).</param>
    /// <param name="addToNegativeBank">Also add the matched frames' hashes to the tenant's negative bank, so they stop matching.</param>
    /// <param name="expectedVersion">The <see cref="IncidentSummary.Version"/> decided on; null decides on whatever is current.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="IncidentDecisionConflictException">Someone else decided already (e.g. confirmed it), or the incident changed since <paramref name="expectedVersion"/>.</exception>
    public Task<IncidentDecisionResult> DismissIncidentAsync(
        Guid incidentId, string reason, bool addToNegativeBank, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return DecideAsync(incidentId, "dismiss", new { reason, addToNegativeBank, expectedVersion }, cancellationToken);
    }

    /// <summary>Escalates the incident to a senior reviewer or the platform's trust and safety team (from Open).</summary>
    /// <param name="incidentId">The incident.</param>
    /// <param name="reason">An optional note (at most 2000 characters).</param>
    /// <param name="expectedVersion">The <see cref="IncidentSummary.Version"/> decided on; null decides on whatever is current.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="IncidentDecisionConflictException">Someone else decided already, or the incident changed since <paramref name="expectedVersion"/>.</exception>
    public Task<IncidentDecisionResult> EscalateIncidentAsync(Guid incidentId, string? reason, long? expectedVersion, CancellationToken cancellationToken) =>
        DecideAsync(incidentId, "escalate", new { reason, expectedVersion }, cancellationToken);

    /// <summary>Asks for a stream action (a <c>stream.action</c> webhook to the platform); not on a dismissed incident.</summary>
    /// <param name="incidentId">The incident.</param>
    /// <param name="action">Terminate or blur the stream.</param>
    /// <param name="reason">An optional note (at most 2000 characters).</param>
    /// <param name="expectedVersion">The <see cref="IncidentSummary.Version"/> decided on; null decides on whatever is current.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="IncidentDecisionConflictException">The incident was dismissed, or changed since <paramref name="expectedVersion"/>.</exception>
    public Task<IncidentDecisionResult> RequestStreamActionAsync(
        Guid incidentId, StreamAction action, string? reason, long? expectedVersion, CancellationToken cancellationToken) =>
        DecideAsync(incidentId, "stream-action", new { action, reason, expectedVersion }, cancellationToken);

    /// <summary>
    /// A confirmed incident's report package (evidence sealed as stored), as the file LiveWatch makes; each export is
    /// audited on LiveWatch's side.
    /// </summary>
    /// <exception cref="LiveWatchApiException">404 when the platform has no such incident; 409 when it is not confirmed.</exception>
    public async Task<IncidentReportFile> GetIncidentReportAsync(Guid incidentId, IncidentReportFormat format, CancellationToken cancellationToken)
    {
        var path = $"incidents/{incidentId}/report{Query(("format", format.ToString().ToLowerInvariant()))}";
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(_api, path)), HttpCompletionOption.ResponseContentRead, cancellationToken)
            .ConfigureAwait(false);
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var fileName = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"')
            ?? $"livewatch-incident-{incidentId}.{format.ToString().ToLowerInvariant()}";
        return new IncidentReportFile(fileName, response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream", content);
    }

    /// <summary>
    /// Follows the platform's live feed (<c>GET /api/v1/feed</c>, server-sent events): first the events after
    /// <paramref name="after"/> from LiveWatch's store, then live ones, each once and in order. When the connection
    /// drops, the client reconnects from the last event it returned, so nothing is missed or repeated; the enumeration
    /// ends only when <paramref name="cancellationToken"/> is cancelled (or a reconnection fails past the retries).
    /// </summary>
    /// <param name="after">The last sequence already seen (0: from the start). Persist <see cref="FeedEvent.Sequence"/> to resume after a restart.</param>
    /// <param name="cancellationToken">Stops following.</param>
    public async IAsyncEnumerable<FeedEvent> FollowFeedAsync(long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        var last = after;
        while (true)
        {
            var response = await SendAsync(
                () => new HttpRequestMessage(HttpMethod.Get, new Uri(_api, $"feed{Query(("after", Number(last)))}")),
                HttpCompletionOption.ResponseHeadersRead,
                cancellationToken).ConfigureAwait(false);
            using (response)
            {
                var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                var events = SseParser.Create(body).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
                await using (events.ConfigureAwait(false))
                {
                    while (await NextOrDroppedAsync(events, cancellationToken).ConfigureAwait(false))
                    {
                        var feedEvent = JsonSerializer.Deserialize<FeedEvent>(events.Current.Data, LiveWatchJson.Options)
                            ?? throw new JsonException("The feed sent an empty event.");

                        // The server resumes after `last`, so this only guards against a server that does not.
                        if (feedEvent.Sequence > last)
                        {
                            last = feedEvent.Sequence;
                            yield return feedEvent;
                        }
                    }
                }
            }

            // The connection ended (a proxy's idle timeout, a node restart): wait a first backoff, then resume.
            await Task.Delay(_retry.Delay(0, null), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    // Decisions are safe to retry: the same decision by the same key again changes nothing (Changed is false).
    private Task<IncidentDecisionResult> DecideAsync(Guid incidentId, string decision, object request, CancellationToken cancellationToken) =>
        SendJsonAsync<IncidentDecisionResult>(
            HttpMethod.Post, $"incidents/{incidentId}/{decision}", () => JsonContent.Create(request, options: LiveWatchJson.Options), cancellationToken);

    /// <summary>The next event, or false when the stream ended or broke (the caller reconnects either way).</summary>
    private static async Task<bool> NextOrDroppedAsync(IAsyncEnumerator<SseItem<string>> events, CancellationToken cancellationToken)
    {
        try
        {
            return await events.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<T> SendJsonAsync<T>(HttpMethod method, string path, Func<HttpContent>? content, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(method, new Uri(_api, path)) { Content = content?.Invoke() },
            HttpCompletionOption.ResponseContentRead,
            cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(LiveWatchJson.Options, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException($"LiveWatch answered {method} {path} with an empty body.");
    }

    /// <summary>
    /// Sends a fresh request per attempt (a sent request cannot be sent again) and retries transient failures; the
    /// answer is a success, or this throws.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ExceptionDispatchInfo? failure = null;
            RetryConditionHeaderValue? retryAfter = null;
            using (var request = createRequest())
            using (var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
                attemptTimeout.CancelAfter(_options.RequestTimeout);
                HttpResponseMessage? response = null;
                try
                {
                    response = await _http.SendAsync(request, completion, attemptTimeout.Token).ConfigureAwait(false);
                }
                catch (HttpRequestException e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    // The attempt's own timeout (or HttpClient.Timeout), not the caller's cancellation: worth another try.
                    failure = ExceptionDispatchInfo.Capture(new TimeoutException($"LiveWatch did not answer within {_options.RequestTimeout}.", e));
                }

                if (response is not null)
                {
                    if (response.IsSuccessStatusCode)
                    {
                        return response;
                    }

                    using (response)
                    {
                        if (!RetryPolicy.IsTransient(response.StatusCode) || attempt >= _options.MaxRetries)
                        {
                            throw await LiveWatchApiException.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
                        }

                        retryAfter = response.Headers.RetryAfter;
                    }
                }
            }

            if (failure is not null && attempt >= _options.MaxRetries)
            {
                failure.Throw();
            }

            await Task.Delay(_retry.Delay(attempt, retryAfter), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static ReadOnlyMemoryContent Bytes(ReadOnlyMemory<byte> body, string contentType)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    private static string Segment(string streamId)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        return Uri.EscapeDataString(streamId);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToArray();
        return present.Length == 0 ? string.Empty : "?" + string.Join('&', present);
    }
}
