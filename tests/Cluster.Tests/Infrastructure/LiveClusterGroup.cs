namespace LiveWatch.Cluster.Tests.Infrastructure;

/// <summary>The live-stream cluster tests share one three-silo, two-worker cluster, one test at a time.</summary>
[CollectionDefinition(Name)]
public sealed class LiveClusterGroup : ICollectionFixture<LiveClusterFixture>
{
    public const string Name = "LiveWatch cluster with live streams";
}
