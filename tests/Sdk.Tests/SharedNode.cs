namespace LiveWatch.Sdk.Tests;

/// <summary>The tests that need the real node share one (one set of Orleans ports), each on tenants of its own.</summary>
[CollectionDefinition(Name)]
public sealed class SharedNode : ICollectionFixture<LiveWatchNode>
{
    public const string Name = "node";
}
