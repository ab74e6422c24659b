namespace LiveWatch.Silo.Tests.Api;

/// <summary>All API tests share one node (one set of Orleans ports), each on tenants of its own.</summary>
[CollectionDefinition(Name)]
public sealed class SharedNode : ICollectionFixture<LiveWatchApiFactory>
{
    public const string Name = "api";
}
