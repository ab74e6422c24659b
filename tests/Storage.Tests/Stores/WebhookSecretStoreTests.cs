using System.Security.Cryptography;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Secrets;
using LiveWatch.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage.Tests.Stores;

/// <summary>
/// Webhook signing secrets are stored sealed under a key derived from the evidence key, opened only to sign; rows
/// from before sealing are read as they are and sealed at start or by the next rotation.
/// </summary>
public abstract class WebhookSecretStoreTests : StoreTestBase
{
    [Fact]
    public async Task The_stored_columns_never_hold_a_secret_and_a_rotation_still_signs_with_both_during_the_overlap()
    {
        await CreateTenantAsync("acme");
        await using var s = Open();
        var created = await s.WebhookEndpoints.CreateAsync("acme", new Uri("https://a.example/hook"), null);
        var rotated = await s.WebhookEndpoints.RotateSecretAsync("acme", created.Endpoint.Id, TimeSpan.FromHours(1));

        var stored = await StoredAsync(created.Endpoint.Id);
        Assert.All([stored.Secret, stored.PreviousSecret!], column =>
        {
            Assert.StartsWith(WebhookSecretProtector.SealedPrefix, column, StringComparison.Ordinal);
            Assert.DoesNotContain(created.Secret, column, StringComparison.Ordinal);
            Assert.DoesNotContain(rotated.Secret, column, StringComparison.Ordinal);
            Assert.DoesNotContain(created.Secret["whsec_".Length..], column, StringComparison.Ordinal);
        });
        Assert.Equal([rotated.Secret, created.Secret], Secrets.SigningSecrets(stored, Time.GetUtcNow()));
        Assert.Equal([rotated.Secret], Secrets.SigningSecrets(stored, Time.GetUtcNow().AddHours(1)));
    }

    [Fact]
    public async Task Secrets_stored_plain_before_sealing_still_sign_and_are_sealed_by_the_start_pass_or_the_next_rotation()
    {
        await CreateTenantAsync("acme");
        var (first, second) = (await AddPlainEndpointAsync("whsec_plain-one"), await AddPlainEndpointAsync("whsec_plain-two"));
        await using var s = Open();
        Assert.Equal(["whsec_plain-one"], Secrets.SigningSecrets(await StoredAsync(first), Time.GetUtcNow()));

        var rotated = await s.WebhookEndpoints.RotateSecretAsync("acme", second, TimeSpan.FromHours(1));
        var sealedCount = await s.WebhookEndpoints.SealPlainSecretsAsync();
        var again = await s.WebhookEndpoints.SealPlainSecretsAsync();

        Assert.Equal((1, 0), (sealedCount, again));
        var (one, two) = (await StoredAsync(first), await StoredAsync(second));
        Assert.All([one.Secret, two.Secret, two.PreviousSecret!], column => Assert.StartsWith(WebhookSecretProtector.SealedPrefix, column, StringComparison.Ordinal));
        Assert.Equal(["whsec_plain-one"], Secrets.SigningSecrets(one, Time.GetUtcNow()));
        Assert.Equal([rotated.Secret, "whsec_plain-two"], Secrets.SigningSecrets(two, Time.GetUtcNow()));
    }

    [Fact]
    public async Task A_secret_under_another_key_fails_with_an_error_naming_the_key_setting_not_a_cipher_error()
    {
        await CreateTenantAsync("acme");
        await using var s = Open();
        var created = await s.WebhookEndpoints.CreateAsync("acme", new Uri("https://a.example/hook"), null);
        var stored = await StoredAsync(created.Endpoint.Id);
        var otherKey = StoreSet.NewSecretProtector();

        var wrongKey = Assert.Throws<InvalidOperationException>(() => otherKey.SigningSecrets(stored, Time.GetUtcNow()));
        await using var other = new StoreSet(Database.CreateContext(), Time, otherKey);
        var rotation = await Assert.ThrowsAsync<InvalidOperationException>(() => other.WebhookEndpoints.RotateSecretAsync("acme", created.Endpoint.Id, TimeSpan.FromHours(1)));
        var missing = Assert.Throws<InvalidOperationException>(() => new WebhookSecretProtector(null));
        var malformed = Assert.Throws<InvalidOperationException>(() => new WebhookSecretProtector(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));

        Assert.Contains($"does not open with the configured {WebhookSecretProtector.KeySetting}", wrongKey.Message, StringComparison.Ordinal);
        Assert.Contains(created.Endpoint.Id.ToString(), wrongKey.Message, StringComparison.Ordinal);
        Assert.Null(wrongKey.InnerException);
        Assert.Equal(wrongKey.Message, rotation.Message);
        Assert.Equal("LiveWatch:Evidence:Key is not set: webhook signing secrets cannot be sealed or opened.", missing.Message);
        Assert.StartsWith("LiveWatch:Evidence:Key must be 32 bytes", malformed.Message, StringComparison.Ordinal);

        // Keeping no previous secret needs no old one opened: the way out under a new key.
        var fresh = await other.WebhookEndpoints.RotateSecretAsync("acme", created.Endpoint.Id, TimeSpan.Zero);
        Assert.Equal([fresh.Secret], otherKey.SigningSecrets(await StoredAsync(created.Endpoint.Id), Time.GetUtcNow()));
    }

    [Fact]
    public async Task A_sealed_secret_copied_to_another_endpoint_does_not_open_there()
    {
        await CreateTenantAsync("acme");
        await using var s = Open();
        var a = await s.WebhookEndpoints.CreateAsync("acme", new Uri("https://a.example/hook"), null);
        var b = await s.WebhookEndpoints.CreateAsync("acme", new Uri("https://b.example/hook"), null);
        var copied = await StoredAsync(b.Endpoint.Id);
        copied.Secret = (await StoredAsync(a.Endpoint.Id)).Secret;

        Assert.Throws<InvalidOperationException>(() => Secrets.SigningSecrets(copied, Time.GetUtcNow()));
    }

    // The row as stored, read past the store.
    private async Task<WebhookEndpoint> StoredAsync(Guid id)
    {
        await using var db = Database.CreateContext();
        return await db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    // A row as the store wrote it before secrets were sealed.
    private async Task<Guid> AddPlainEndpointAsync(string secret)
    {
        await using var db = Database.CreateContext();
        var endpoint = new WebhookEndpoint { Id = Guid.CreateVersion7(), TenantId = "acme", Url = "https://old.example/hook", Secret = secret, CreatedAt = Time.GetUtcNow() };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync();
        return endpoint.Id;
    }
}
