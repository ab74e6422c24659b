using System.Net;
using System.Net.Http.Json;
using LiveWatch.Silo.Api.Models;
using LiveWatch.Webhooks.Tests.Infrastructure;

namespace LiveWatch.Webhooks.Tests.Delivery;

/// <summary>Registering endpoints: the URL policy, tenant isolation, roles, deletion.</summary>
[Collection(SharedNode.Name)]
public sealed class WebhookEndpointApiTests(WebhooksNode node)
{
    [Theory]
    [InlineData("ftp://example.com/hook", "scheme 'ftp' is not allowed")]
    [InlineData("http://10.1.2.3/hook", "a private network")]
    [InlineData("http://169.254.169.254/latest/meta-data", "link-local")]
    [InlineData("http://127.0.0.2/hook", "loopback")]
    [InlineData("https://user:secret@example.com/hook", "credentials")]
    [InlineData("not a url", "not an absolute URL")]
    public async Task Unsafe_or_malformed_urls_are_refused_with_the_reason(string url, string reason)
    {
        using var platform = await node.NewTenantAsync(ApiSteps.NewTenantId("url"));

        var detail = await (await platform.PostAsJsonAsync("/api/v1/webhooks", new CreateWebhookEndpointRequest(url))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(reason, detail, StringComparison.Ordinal);
        Assert.Empty(await (await platform.GetAsync(new Uri("/api/v1/webhooks", UriKind.Relative))).ReadAsync<WebhookEndpointResponse[]>());
    }

    [Fact]
    public async Task A_tenant_sees_and_changes_only_its_own_endpoints_and_operators_manage_them_under_admin()
    {
        var tenantA = ApiSteps.NewTenantId("own-a");
        using var a = await node.NewTenantAsync(tenantA);
        using var b = await node.NewTenantAsync(ApiSteps.NewTenantId("own-b"));
        using var admin = node.Admin();
        var endpoint = await a.CreateWebhookAsync("http://127.0.0.1:9/a");

        Assert.Empty(await (await b.GetAsync(new Uri("/api/v1/webhooks", UriKind.Relative))).ReadAsync<WebhookEndpointResponse[]>());
        await (await b.GetAsync(new Uri($"/api/v1/webhooks/{endpoint.Id}", UriKind.Relative))).ProblemAsync(HttpStatusCode.NotFound);
        await (await b.PostAsJsonAsync($"/api/v1/webhooks/{endpoint.Id}/rotate", new RotateWebhookSecretRequest())).ProblemAsync(HttpStatusCode.NotFound);
        await (await b.DeleteAsync(new Uri($"/api/v1/webhooks/{endpoint.Id}", UriKind.Relative))).ProblemAsync(HttpStatusCode.NotFound);

        // Platform keys never reach the operators' routes; operator keys never the platforms'.
        Assert.Equal(HttpStatusCode.Forbidden, (await a.GetAsync(new Uri($"/api/v1/admin/tenants/{tenantA}/webhooks", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(new Uri("/api/v1/webhooks", UriKind.Relative))).StatusCode);

        var listed = await (await admin.GetAsync(new Uri($"/api/v1/admin/tenants/{tenantA}/webhooks", UriKind.Relative))).ReadAsync<WebhookEndpointResponse[]>();
        Assert.Equal(endpoint.Id, Assert.Single(listed).Id);
        Assert.Null(listed[0].Secret);
        var created = await (await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{tenantA}/webhooks", new CreateWebhookEndpointRequest("http://127.0.0.1:9/ops"))).ReadAsync<WebhookEndpointResponse>();
        Assert.NotNull(created.Secret);

        Assert.Equal(HttpStatusCode.NoContent, (await a.DeleteAsync(new Uri($"/api/v1/webhooks/{endpoint.Id}", UriKind.Relative))).StatusCode);
        Assert.Equal(created.Id, Assert.Single(await (await a.GetAsync(new Uri("/api/v1/webhooks", UriKind.Relative))).ReadAsync<WebhookEndpointResponse[]>()).Id);
    }
}
