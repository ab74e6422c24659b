using LiveWatch.Storage;
using LiveWatch.Storage.Secrets;
using LiveWatch.Storage.Stores;

namespace LiveWatch.Storage.Tests.Infrastructure;

/// <summary>One unit of work: a context and every store over it, as one DI scope would hold them.</summary>
public sealed class StoreSet : IAsyncDisposable
{
    /// <param name="secrets">Seals webhook secrets; by default under a key made for this set.</param>
    public StoreSet(LiveWatchDbContext db, TimeProvider time, WebhookSecretProtector? secrets = null)
    {
        secrets ??= NewSecretProtector();
        Db = db;
        Tenants = new TenantStore(db, time);
        ApiKeys = new ApiKeyStore(db, time);
        Streams = new StreamStore(db, time);
        Banks = new BankStore(db, time);
        Incidents = new IncidentStore(db, time);
        Feed = new FeedStore(db);
        Audit = new AuditLog(db, time);
        Outbox = new OutboxStore(db, time);
        WebhookEndpoints = new WebhookEndpointStore(db, time, secrets);
    }

    public LiveWatchDbContext Db { get; }

    public TenantStore Tenants { get; }

    public ApiKeyStore ApiKeys { get; }

    public StreamStore Streams { get; }

    public BankStore Banks { get; }

    public IncidentStore Incidents { get; }

    public FeedStore Feed { get; }

    public AuditLog Audit { get; }

    public OutboxStore Outbox { get; }

    public WebhookEndpointStore WebhookEndpoints { get; }

    /// <summary>A protector under a new random key.</summary>
    public static WebhookSecretProtector NewSecretProtector() =>
        new(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
