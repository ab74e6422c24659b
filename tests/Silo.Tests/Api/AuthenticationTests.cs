using System.Net;
using System.Net.Http.Json;
using LiveWatch.Silo.Api.Models;

namespace LiveWatch.Silo.Tests.Api;

/// <summary>API keys: missing, malformed, unknown, revoked, and the wrong kind for the endpoint.</summary>
[Collection(SharedNode.Name)]
public sealed class AuthenticationTests(LiveWatchApiFactory node)
{
    [Theory]
    [InlineData(null, "Send an API key")]
    [InlineData("not-a-key", "malformed")]
    [InlineData("lw_0123456789ab_00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", "not valid")]
    public async Task Calls_without_a_valid_key_get_401_saying_why(string? token, string reason)
    {
        using var client = node.Client(token);

        var response = await client.GetAsync(new Uri("/api/v1/streams", UriKind.Relative));

        Assert.Contains(reason, await response.ProblemAsync(HttpStatusCode.Unauthorized), StringComparison.Ordinal);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_revoked_key_is_refused_and_the_x_api_key_header_works_like_bearer()
    {
        var tenant = ApiSteps.NewTenantId("revoke");
        using var admin = node.Admin();
        (await admin.PostAsJsonAsync("/api/v1/admin/tenants", new CreateTenantRequest(tenant, "Revoke"))).EnsureSuccessStatusCode();
        var key = await (await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{tenant}/keys", new CreateKeyRequest("k"))).ReadAsync<ApiKeyResponse>();
        using var viaHeader = node.Client(null);
        viaHeader.DefaultRequestHeaders.Add("X-Api-Key", key.Token);

        Assert.Equal(HttpStatusCode.OK, (await viaHeader.GetAsync(new Uri("/api/v1/streams", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(new Uri($"/api/v1/admin/tenants/{tenant}/keys/{key.Id}", UriKind.Relative))).StatusCode);
        var refused = await viaHeader.GetAsync(new Uri("/api/v1/streams", UriKind.Relative));
        Assert.Contains("revoked", await refused.ProblemAsync(HttpStatusCode.Unauthorized), StringComparison.Ordinal);

        var keys = await (await admin.GetAsync(new Uri($"/api/v1/admin/tenants/{tenant}/keys", UriKind.Relative))).ReadAsync<ApiKeyResponse[]>();
        Assert.NotNull(Assert.Single(keys).RevokedAt);
        Assert.All(keys, k => Assert.Null(k.Token));
    }

    [Fact]
    public async Task An_operator_key_is_not_a_platform_key()
    {
        using var admin = node.Admin();

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(new Uri("/api/v1/streams", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Keys_for_an_unknown_tenant_are_refused_with_404()
    {
        using var admin = node.Admin();

        var response = await admin.PostAsJsonAsync("/api/v1/admin/tenants/no-such-tenant/keys", new CreateKeyRequest("k"));

        Assert.Contains("no-such-tenant", await response.ProblemAsync(HttpStatusCode.NotFound), StringComparison.Ordinal);
    }
}
