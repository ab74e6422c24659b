namespace LiveWatch.Webhooks.Tests.Infrastructure;

/// <summary>All tests share one node (one set of Orleans ports), each on tenants of its own.</summary>
[CollectionDefinition(Name)]
public sealed class SharedNode : ICollectionFixture<WebhooksNode>
{
    public const string Name = "webhooks";
}
