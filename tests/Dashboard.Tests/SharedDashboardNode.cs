namespace LiveWatch.Dashboard.Tests;

/// <summary>The dashboard tests share one node and one browser, each test on tenants and users of its own.</summary>
[CollectionDefinition(Name)]
public sealed class SharedDashboardNode : ICollectionFixture<DashboardNode>, ICollectionFixture<Browser>
{
    public const string Name = "dashboard";
}
