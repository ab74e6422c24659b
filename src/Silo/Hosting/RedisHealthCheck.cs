using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace LiveWatch.Silo.Hosting;

/// <summary>
/// Ready only while Redis answers: without it a cluster's silo can neither write grain state (a frame batch that moves a
/// stream's level fails) nor follow membership, so a load balancer should send traffic elsewhere meanwhile.
/// </summary>
internal sealed class RedisHealthCheck(RedisProbeConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var multiplexer = await connection.GetAsync().ConfigureAwait(false);
            if (!multiplexer.IsConnected)
            {
                return HealthCheckResult.Unhealthy("Redis is not connected");
            }

            var latency = await multiplexer.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Redis answers ({latency.TotalMilliseconds:F1} ms)");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer", e);
        }
    }
}
