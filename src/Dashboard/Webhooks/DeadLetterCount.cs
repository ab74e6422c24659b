using LiveWatch.Dashboard.Accounts;
using LiveWatch.Storage.Accounts;
using LiveWatch.Storage.Stores;

namespace LiveWatch.Dashboard.Webhooks;

/// <summary>
/// How many webhook deliveries wait in the dead letters of the tenants a user administers, for the nav link: a
/// dead letter is never sent again until someone retries it, so an Admin should see it on every page, not only on
/// the Webhooks page.
/// </summary>
public sealed class DeadLetterCount
{
    private readonly OutboxStore _outbox;
    private readonly TenantStore _tenants;

    public DeadLetterCount(OutboxStore outbox, TenantStore tenants)
    {
        _outbox = outbox;
        _tenants = tenants;
    }

    /// <summary>The count over the tenants where <paramref name="access"/> is Admin (0 for anyone who is not).</summary>
    public async Task<int> CountAsync(DashboardAccess access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (!access.HasAnywhere(DashboardRole.Admin))
        {
            return 0;
        }

        var tenants = await access.TenantsWithAsync(DashboardRole.Admin, _tenants, cancellationToken).ConfigureAwait(false);
        return tenants.Count == 0 ? 0 : await _outbox.CountDeadLettersAsync(tenants, cancellationToken).ConfigureAwait(false);
    }
}
