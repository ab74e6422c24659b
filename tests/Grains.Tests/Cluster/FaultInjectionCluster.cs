using Orleans.Hosting;
using Orleans.TestingHost;

namespace LiveWatch.Grains.Tests.Cluster;

/// <summary>
/// The two-silo cluster with stream grains' state in Orleans' fault-injection storage (memory storage behind a
/// decorator that throws what <see cref="IStorageFaultGrain"/> was told to, once, for one grain).
/// </summary>
public sealed class FaultInjectionCluster : SingleNodeCluster
{
    /// <summary>The state name stream grains persist under; the fault grain is keyed by it.</summary>
    public const string StreamStateName = "stream";

    protected override void ConfigureStreamStorage(ISiloBuilder silo) =>
        silo.AddFaultInjectionMemoryStorage("streams", _ => { }, faults => faults.Latency = TimeSpan.Zero);
}
