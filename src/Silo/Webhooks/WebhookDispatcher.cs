using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using LiveWatch.Sdk.Webhooks;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Secrets;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.Options;

namespace LiveWatch.Silo.Webhooks;

/// <summary>
/// Delivers the webhook outbox: claims due messages, POSTs each to its endpoint signed with the endpoint's secret(s)
/// (the SDK's <see cref="WebhookVerifier.Sign"/>, so the format is the one platforms verify), and records the outcome:
/// delivered, retried later with exponential backoff and jitter, or dead-lettered when the retry window is over.
/// </summary>
/// <remarks>
/// Every silo runs one. Exclusivity comes from the database, not from Orleans: a message is claimed with a conditional
/// UPDATE that sets a lease (<see cref="OutboxStore.ClaimDueAsync"/>), so two silos never send it at once, a silo that
/// dies only delays its messages by the lease, and the dispatcher needs nothing but the store (a grain per tenant would
/// serialize all of a tenant's deliveries, a slow endpoint stalling the others, and would still need the store to know
/// what is due). Ordering per stream and endpoint is part of the claim: only the oldest pending message of a stream is
/// ever due, so a later event waits until the earlier one is delivered or dead-lettered.
/// </remarks>
public sealed partial class WebhookDispatcher : BackgroundService
{
    /// <summary>The named HTTP client (connects through <see cref="WebhookUrlPolicy.ConnectAsync"/>, no redirects, no proxy).</summary>
    public const string HttpClientName = "LiveWatch.Webhooks";

    private readonly IServiceScopeFactory _scopes;
    private readonly IHttpClientFactory _http;
    private readonly WebhookOptions _options;
    private readonly TimeProvider _time;
    private readonly WebhookMetrics _metrics;
    private readonly WebhookSecretProtector _secrets;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public WebhookDispatcher(
        IServiceScopeFactory scopes,
        IHttpClientFactory http,
        IOptions<WebhookOptions> options,
        TimeProvider time,
        WebhookMetrics metrics,
        WebhookSecretProtector secrets,
        ILogger<WebhookDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _scopes = scopes;
        _http = http;
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _secrets = secrets;
        _logger = logger;
    }

    /// <summary>One pass: claims due messages and delivers them.</summary>
    /// <returns>How many messages were claimed (0: nothing was due).</returns>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<OutboxMessage> claimed;
        IReadOnlyDictionary<Guid, WebhookEndpoint> endpoints;
        await using (var scope = _scopes.CreateAsyncScope())
        {
            claimed = await scope.ServiceProvider.GetRequiredService<OutboxStore>()
                .ClaimDueAsync(_owner, _options.LeaseDuration, _options.BatchSize, cancellationToken).ConfigureAwait(false);
            if (claimed.Count == 0)
            {
                return 0;
            }

            endpoints = await scope.ServiceProvider.GetRequiredService<WebhookEndpointStore>()
                .GetManyAsync([.. claimed.Select(m => m.EndpointId!.Value)], cancellationToken).ConfigureAwait(false);
        }

        await Parallel.ForEachAsync(
            claimed,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentDeliveries, CancellationToken = cancellationToken },
            async (message, ct) =>
            {
                // An endpoint deleted since the claim took its messages with it.
                if (endpoints.TryGetValue(message.EndpointId!.Value, out var endpoint))
                {
                    await DeliverAsync(message, endpoint, ct).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        return claimed.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarted(_owner);
        await SealPlainSecretsAsync(stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await DispatchDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The store was unavailable: the messages stay pending (or leased until the lease ends); try again later.
                LogPassFailed(e);
            }

            if (claimed > 0)
            {
                // A delivered message may have made its stream's next one due: look again at once.
                continue;
            }

            try
            {
                await Task.Delay(_options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // Secrets stored before sealing existed; the next rotation would seal them too, but an endpoint may never rotate.
    private async Task SealPlainSecretsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var sealedCount = await scope.ServiceProvider.GetRequiredService<WebhookEndpointStore>().SealPlainSecretsAsync(cancellationToken).ConfigureAwait(false);
            if (sealedCount > 0)
            {
                LogSecretsSealed(sealedCount);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Still read as they are; the next start or rotation seals them.
            LogSealingFailed(e);
        }
    }

    private async Task DeliverAsync(OutboxMessage message, WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        var attempt = message.Attempts + 1;
        var eventId = message.EventId ?? message.IdempotencyKey;
        var body = Encoding.UTF8.GetBytes(message.Payload);
        var signedAt = _time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookHeaders.Signature, WebhookVerifier.Sign(body, signedAt, _secrets.SigningSecrets(endpoint, signedAt)));
        request.Headers.TryAddWithoutValidation(WebhookHeaders.EventId, eventId);
        request.Headers.TryAddWithoutValidation(WebhookHeaders.EventType, message.EventType);
        request.Headers.TryAddWithoutValidation(WebhookHeaders.Timestamp, signedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookHeaders.DeliveryAttempt, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));

        string? error = null;
        string? reason = null;
        var started = Stopwatch.GetTimestamp();
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(_options.AttemptTimeout);
            try
            {
                using var response = await _http.CreateClient(HttpClientName)
                    .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                if ((int)response.StatusCode is < 200 or > 299)
                {
                    (error, reason) = ($"the endpoint answered {(int)response.StatusCode} {response.ReasonPhrase}", "status");
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                (error, reason) = ($"no answer within {_options.AttemptTimeout.TotalSeconds:0.###} s ({WebhookOptions.SectionName}:AttemptTimeout)", "timeout");
            }
            catch (HttpRequestException e)
            {
                (error, reason) = ($"the call failed: {Innermost(e).Message}", "connection");
            }
        }

        _metrics.AttemptDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        await using var scope = _scopes.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<OutboxStore>();
        var eventType = new KeyValuePair<string, object?>("event_type", message.EventType);
        if (error is null)
        {
            await outbox.MarkDeliveredAsync(message.Id, CancellationToken.None).ConfigureAwait(false);
            _metrics.Delivered.Add(1, eventType);
            _metrics.DeliveryLatency.Record((_time.GetUtcNow() - message.CreatedAt).TotalMilliseconds, eventType);
            LogDelivered(eventId, message.EventType, endpoint.Id, attempt);
            return;
        }

        _metrics.AttemptsFailed.Add(1, new KeyValuePair<string, object?>("reason", reason));
        var now = _time.GetUtcNow();
        var next = WebhookBackoff.NextAttempt(now, message.RequeuedAt ?? message.CreatedAt, attempt, _options, Random.Shared);
        if (next is { } when)
        {
            await outbox.MarkFailedAsync(message.Id, error, when, deadLetter: false, CancellationToken.None).ConfigureAwait(false);
            LogRetrying(eventId, endpoint.Id, attempt, error, when);
        }
        else
        {
            await outbox.MarkFailedAsync(message.Id, error, now, deadLetter: true, CancellationToken.None).ConfigureAwait(false);
            _metrics.DeadLettered.Add(1, eventType);
            LogDeadLettered(eventId, endpoint.Id, attempt, error);
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook dispatcher {Owner} started")]
    private partial void LogStarted(string owner);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook signing secrets of {Count} endpoints, stored plain before sealing, are sealed now")]
    private partial void LogSecretsSealed(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook signing secrets stored plain could not be sealed at start; they are still used as they are")]
    private partial void LogSealingFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook dispatcher pass failed; retrying after the poll interval")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook {EventId} ({EventType}) delivered to endpoint {EndpointId} on attempt {Attempt}")]
    private partial void LogDelivered(string eventId, string eventType, Guid endpointId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {EventId} to endpoint {EndpointId}: attempt {Attempt} failed ({Error}); next at {NextAttempt:O}")]
    private partial void LogRetrying(string eventId, Guid endpointId, int attempt, string error, DateTimeOffset nextAttempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {EventId} to endpoint {EndpointId} dead-lettered after {Attempt} attempts: {Error}")]
    private partial void LogDeadLettered(string eventId, Guid endpointId, int attempt, string error);
}
