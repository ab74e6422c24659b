using LiveWatch.Storage;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LiveWatch.Dashboard.Pages;

/// <summary>
/// A tenant's webhooks (its Admins; a platform-wide Admin sees every tenant): endpoints (never their secrets), recent
/// deliveries, and the dead letters, each with a Retry that re-queues it as the API's retry does (same store call,
/// same audit entry).
/// </summary>
[Authorize(Policy = Accounts.DashboardPolicies.Admin)]
public sealed class WebhooksModel : TenantAdminPageModel
{
    private const int RecentDeliveries = 50;
    private const int ListedDeadLetters = 200;
    private readonly WebhookEndpointStore _endpoints;
    private readonly OutboxStore _outbox;

    public WebhooksModel(WebhookEndpointStore endpoints, OutboxStore outbox)
    {
        _endpoints = endpoints;
        _outbox = outbox;
    }

    public IReadOnlyList<WebhookEndpoint> Endpoints { get; private set; } = [];

    public IReadOnlyList<OutboxMessage> Deliveries { get; private set; } = [];

    public IReadOnlyList<OutboxMessage> DeadLetters { get; private set; } = [];

    /// <summary>The URL a message went to, or a note when its endpoint is gone.</summary>
    public string EndpointUrl(Guid? endpointId) =>
        Endpoints.FirstOrDefault(e => e.Id == endpointId)?.Url ?? "(endpoint deleted)";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ChooseTenantAsync(cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        if (Tenant is not null)
        {
            Endpoints = await _endpoints.ListAsync(Tenant, cancellationToken).ConfigureAwait(false);
            Deliveries = await _outbox.ListAsync(Tenant, RecentDeliveries, cancellationToken).ConfigureAwait(false);
            DeadLetters = await _outbox.ListDeadLettersAsync(Tenant, ListedDeadLetters, cancellationToken).ConfigureAwait(false);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid messageId, CancellationToken cancellationToken)
    {
        if (!await ChooseTenantAsync(cancellationToken).ConfigureAwait(false) || Tenant is null)
        {
            return NotFound();
        }

        try
        {
            var message = await _outbox.RetryDeadLetterAsync(Tenant, messageId, Access.Actor, cancellationToken).ConfigureAwait(false);
            Notice = $"Delivery of {message.EventType} for stream {message.OrderingKey} re-queued: it is sent again now, with a fresh retry window.";
        }
        catch (EntityNotFoundException)
        {
            // Another tenant's message answers as one that does not exist: its id tells nothing.
            return NotFound();
        }
        catch (EntityConflictException e)
        {
            // The list was stale: someone retried it meanwhile (here or through the API).
            Problem = $"Not retried: this delivery is no longer dead-lettered. {e.Message}";
        }

        return RedirectToPage(new { Tenant });
    }
}
