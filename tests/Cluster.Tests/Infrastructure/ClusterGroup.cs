namespace LiveWatch.Cluster.Tests.Infrastructure;

/// <summary>Every cluster test shares one cluster (Redis, PostgreSQL, two silos), one test at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterGroup : ICollectionFixture<ClusterFixture>
{
    public const string Name = "LiveWatch cluster";
}
