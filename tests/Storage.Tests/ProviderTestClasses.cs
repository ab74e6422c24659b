using LiveWatch.Storage.Tests.Infrastructure;
using LiveWatch.Storage.Tests.Stores;

namespace LiveWatch.Storage.Tests;

// The store tests, once per provider. Each SQLite test gets its own file; each PostgreSQL test its own database on
// the shared throwaway server.
public sealed class SqliteBankStoreTests : BankStoreTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

public sealed class SqliteIncidentStoreTests : IncidentStoreTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

public sealed class SqliteTenantIsolationTests : TenantIsolationTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

public sealed class SqliteAuditLogTests : AuditLogTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

public sealed class SqliteApiKeyStoreTests : ApiKeyStoreTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

public sealed class SqliteOutboxStoreTests : OutboxStoreTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

public sealed class SqliteOutboxClaimTests : OutboxClaimTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

public sealed class SqliteIncidentDecisionStoreTests : IncidentDecisionStoreTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

public sealed class SqliteStreamStoreTests : StreamStoreTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresBankStoreTests(PostgresServerFixture server) : BankStoreTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync(server);
}

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresIncidentStoreTests(PostgresServerFixture server) : IncidentStoreTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync(server);
}

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresTenantIsolationTests(PostgresServerFixture server) : TenantIsolationTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync(server);
}

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresAuditLogTests(PostgresServerFixture server) : AuditLogTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync(server);
}

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresApiKeyStoreTests(PostgresServerFixture server) : ApiKeyStoreTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync(server);
}

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresOutboxStoreTests(PostgresServerFixture server) : OutboxStoreTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync(server);
}

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresOutboxClaimTests(PostgresServerFixture server) : OutboxClaimTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync(server);
}

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresIncidentDecisionStoreTests(PostgresServerFixture server) : IncidentDecisionStoreTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync(server);
}

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresStreamStoreTests(PostgresServerFixture server) : StreamStoreTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync(server);
}

public sealed class SqliteWebhookSecretStoreTests : WebhookSecretStoreTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresWebhookSecretStoreTests(PostgresServerFixture server) : WebhookSecretStoreTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync(server);
}
