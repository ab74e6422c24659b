namespace LiveWatch.Storage.Tests.Infrastructure;

/// <summary>Every PostgreSQL test class shares one server (one initdb per run).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresServerGroup : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "PostgreSQL server";
}
