using LiveWatch.Grains.Matching;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveWatch.Silo.Hosting;

/// <summary>Ready only once this silo's bank replica holds the store's banks: before that, frames would match nothing.</summary>
internal sealed class BankReplicaHealthCheck(BankReplicationService replication, HashBankReplica replica) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(replication.Loaded.IsCompletedSuccessfully
            ? HealthCheckResult.Healthy($"{replica.Banks.Count} banks, {replica.EntryCount} entries, change sequence {replica.AppliedSequence}")
            : HealthCheckResult.Unhealthy("the bank replica has not loaded yet"));
}
