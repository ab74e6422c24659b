using LiveWatch.Hashing;
using LiveWatch.Storage.Secrets;
using LiveWatch.Storage.Stores;

namespace LiveWatch.Storage.Tests.Infrastructure;

/// <summary>
/// Base of the store tests that run on both providers: each test gets a fresh migrated database from
/// <see cref="CreateDatabaseAsync"/>, which the SQLite and PostgreSQL subclasses provide.
/// </summary>
public abstract class StoreTestBase : IAsyncLifetime
{
    private ITestDatabase? _database;

    protected ManualTimeProvider Time { get; } = new();

    /// <summary>Seals webhook secrets under a key made for this test.</summary>
    protected WebhookSecretProtector Secrets { get; } = StoreSet.NewSecretProtector();

    protected ITestDatabase Database => _database ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync() => _database = await CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected abstract Task<ITestDatabase> CreateDatabaseAsync();

    /// <summary>A new unit of work; dispose it.</summary>
    protected StoreSet Open() => new(Database.CreateContext(), Time, Secrets);

    /// <summary>A deterministic, distinct hash per seed.</summary>
    protected static Hash256 HashOf(int seed) =>
        new((ulong)seed * 0x9E3779B97F4A7C15UL, (ulong)seed ^ 0xDEADBEEFUL, ~(ulong)seed, (ulong)seed << 7);

    protected async Task<string> CreateTenantAsync(string id)
    {
        await using var s = Open();
        await s.Tenants.CreateAsync(id, $"Tenant {id}");
        return id;
    }

    protected static NewIncidentMatch Match(string run, long frame, long bankId, long entryId, int distance = 10) =>
        new(run, frame, new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddSeconds(frame), bankId, entryId, distance, 0, 90, HashOf((int)frame));
}
