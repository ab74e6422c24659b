namespace LiveWatch.Grains.Tests.Cluster;

/// <summary>
/// The cluster tests share one two-silo cluster and run one after another: starting a cluster per class would double
/// the cost on a 2-core machine, and the telemetry tests count what the whole process records, so no other test
/// class (the feed, tenant-option and storage-failure tests have clusters of their own) may run beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SharedCluster : ICollectionFixture<SingleNodeCluster>
{
    public const string Name = "cluster";
}
