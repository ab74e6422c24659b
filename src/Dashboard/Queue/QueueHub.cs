using System.Runtime.CompilerServices;
using LiveWatch.Dashboard.Accounts;
using LiveWatch.Grains.Feed;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace LiveWatch.Dashboard.Queue;

/// <summary>
/// Relays a tenant's live feed (the Orleans stream, with catch-up from the store) to a browser over SignalR: the
/// browser calls <c>Follow(tenant, after)</c> as a stream and receives <see cref="QueueEvent"/>s, each once, in order.
/// After a dropped connection it follows again from the last sequence it saw, so nothing is lost.
/// </summary>
[Authorize(Policy = DashboardPolicies.Member)]
public sealed class QueueHub : Hub
{
    private readonly TenantFeedSubscriber _subscriber;
    private readonly IServiceScopeFactory _scopes;

    public QueueHub(TenantFeedSubscriber subscriber, IServiceScopeFactory scopes)
    {
        _subscriber = subscriber;
        _scopes = scopes;
    }

    /// <summary>The events of <paramref name="tenantId"/> after <paramref name="after"/>; refused for a tenant the user is not in.</summary>
    public async IAsyncEnumerable<QueueEvent> Follow(string tenantId, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var access = DashboardAccess.From(Context.User ?? new System.Security.Claims.ClaimsPrincipal());
        if (string.IsNullOrEmpty(tenantId) || access.RoleIn(tenantId) is null)
        {
            throw new HubException("Not a tenant of yours.");
        }

        await using var subscription = await _subscriber.SubscribeAsync(tenantId, Math.Max(0, after)).ConfigureAwait(false);
        await foreach (var notification in subscription.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            QueueRow? row = null;
            if (notification.IncidentId is { } incidentId)
            {
                await using var scope = _scopes.CreateAsyncScope();
                row = await scope.ServiceProvider.GetRequiredService<QueueReader>().GetAsync(tenantId, incidentId, cancellationToken).ConfigureAwait(false);
            }

            yield return new QueueEvent(tenantId, notification.Sequence, notification.Kind.ToString(), notification.StreamId, row);
        }
    }
}
