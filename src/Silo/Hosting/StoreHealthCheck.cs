using LiveWatch.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveWatch.Silo.Hosting;

/// <summary>Ready only while the moderation store answers: incidents must be written durably before anyone is told.</summary>
internal sealed class StoreHealthCheck(LiveWatchDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy("the moderation store answers")
            : HealthCheckResult.Unhealthy("the moderation store does not answer");
}
