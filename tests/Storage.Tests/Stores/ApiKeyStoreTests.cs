using System.Security.Cryptography;
using System.Text;
using LiveWatch.Storage.Entities;
using LiveWatch.Storage.Stores;
using LiveWatch.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage.Tests.Stores;

public abstract class ApiKeyStoreTests : StoreTestBase
{
    [Fact]
    public async Task A_new_key_returns_its_token_once_and_stores_only_the_secret_hash()
    {
        await CreateTenantAsync("acme");
        await using var s = Open();
        var created = await s.ApiKeys.CreateAsync("acme", "ingest", ApiKeyRole.Platform);

        Assert.Matches("^lw_[0-9a-f]{12}_[0-9a-f]{64}$", created.Token);
        Assert.DoesNotContain(created.Token, created.ToString(), StringComparison.Ordinal);
        var parts = created.Token.Split('_');
        Assert.Equal(parts[1], created.Key.Prefix);
        var row = await s.Db.ApiKeys.AsNoTracking().SingleAsync();
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(parts[2])), row.SecretHash);

        // The secret appears in no column.
        var text = string.Join("|", row.Id, row.TenantId, row.Name, row.Role, row.Prefix, Convert.ToHexStringLower(row.SecretHash));
        Assert.DoesNotContain(parts[2], text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_accepts_the_token_and_refuses_wrong_tampered_malformed_and_revoked_ones()
    {
        await CreateTenantAsync("acme");
        await using var s = Open();
        var created = await s.ApiKeys.CreateAsync("acme", "ingest", ApiKeyRole.Platform);
        var other = await s.ApiKeys.CreateAsync(null, "ops", ApiKeyRole.Admin);
        var token = created.Token;

        var ok = await s.ApiKeys.VerifyAsync(token);
        Assert.True(ok.IsValid);
        Assert.Equal(("acme", ApiKeyRole.Platform, created.Key.Id), (ok.Key!.TenantId, ok.Key.Role, ok.Key.Id));

        var lastChar = token[^1] == '0' ? '1' : '0';
        Assert.Equal(ApiKeyVerificationStatus.WrongSecret, (await s.ApiKeys.VerifyAsync(token[..^1] + lastChar)).Status);

        // This key's secret under another key's prefix, and under a prefix nobody has.
        var secret = token[(token.LastIndexOf('_') + 1)..];
        Assert.Equal(ApiKeyVerificationStatus.WrongSecret, (await s.ApiKeys.VerifyAsync($"lw_{other.Key.Prefix}_{secret}")).Status);
        var unknownPrefix = created.Key.Prefix[0] == 'a' ? "b" + created.Key.Prefix[1..] : "a" + created.Key.Prefix[1..];
        Assert.Equal(ApiKeyVerificationStatus.UnknownKey, (await s.ApiKeys.VerifyAsync($"lw_{unknownPrefix}_{secret}")).Status);

        foreach (var malformed in new[] { null, "", "lw_", token.ToUpperInvariant(), token + "0", "xx" + token[2..], token.Replace('_', '-') })
        {
            Assert.Equal(ApiKeyVerificationStatus.Malformed, (await s.ApiKeys.VerifyAsync(malformed)).Status);
        }

        Assert.True(await s.ApiKeys.RevokeAsync("acme", created.Key.Id));
        Assert.False(await s.ApiKeys.RevokeAsync("acme", created.Key.Id));
        var revoked = await s.ApiKeys.VerifyAsync(token);
        Assert.Equal(ApiKeyVerificationStatus.Revoked, revoked.Status);
        Assert.False(revoked.IsValid);
        Assert.True((await s.ApiKeys.VerifyAsync(other.Token)).IsValid);
    }

    [Fact]
    public async Task Platform_keys_need_an_existing_tenant()
    {
        await using var s = Open();
        await Assert.ThrowsAsync<ArgumentException>(() => s.ApiKeys.CreateAsync(null, "x", ApiKeyRole.Platform));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => s.ApiKeys.CreateAsync("ghost", "x", ApiKeyRole.Platform));
        Assert.Null((await s.ApiKeys.CreateAsync(null, "ops", ApiKeyRole.Admin)).Key.TenantId);
    }

    [Fact]
    public async Task Tokens_and_prefixes_differ_between_keys()
    {
        await CreateTenantAsync("acme");
        await using var s = Open();
        var keys = new List<CreatedApiKey>();
        for (var i = 0; i < 10; i++)
        {
            keys.Add(await s.ApiKeys.CreateAsync("acme", $"k{i}", ApiKeyRole.Platform));
        }

        Assert.Equal(10, keys.Select(k => k.Key.Prefix).Distinct().Count());
        Assert.Equal(10, keys.Select(k => k.Token).Distinct().Count());
        Assert.Equal(10, (await s.ApiKeys.ListAsync("acme")).Count);
    }
}
