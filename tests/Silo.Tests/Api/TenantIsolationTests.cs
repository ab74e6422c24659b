using System.Net;
using System.Net.Http.Json;
using LiveWatch.Silo.Api.Models;

namespace LiveWatch.Silo.Tests.Api;

/// <summary>One platform never sees or affects another's streams, incidents or banks, even knowing their ids.</summary>
[Collection(SharedNode.Name)]
public sealed class TenantIsolationTests(LiveWatchApiFactory node)
{
    [Fact]
    public async Task Tenant_a_gets_404_for_tenant_b_stream_and_incident_and_never_lists_them()
    {
        var tenantB = ApiSteps.NewTenantId("iso-b");
        using var admin = node.Admin();
        using var a = await node.NewTenantAsync(ApiSteps.NewTenantId("iso-a"));
        using var b = await node.NewTenantAsync(tenantB);
        var (png, hash) = TestPictures.Png(seed: 2);
        var bank = await admin.CreateBankAsync(tenantB);
        await admin.ImportHashesAsync(tenantB, bank.Id, hash);
        await b.RegisterAsync("shared-name");
        var incident = (await b.PushUntilAsync("shared-name", png, run: "r")).IncidentId;
        Assert.NotNull(incident);

        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync(new Uri("/api/v1/streams/shared-name", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.PostPngAsync("shared-name", png)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.PostAsync(new Uri("/api/v1/streams/shared-name/stop", UriKind.Relative), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync(new Uri($"/api/v1/incidents/{incident}", UriKind.Relative))).StatusCode);
        Assert.Empty(await (await a.GetAsync(new Uri("/api/v1/incidents", UriKind.Relative))).ReadAsync<IncidentResponse[]>());
        Assert.Empty(await (await a.GetAsync(new Uri("/api/v1/streams", UriKind.Relative))).ReadAsync<StreamResponse[]>());

        // B's stream is untouched by A's attempts.
        var stream = await (await b.GetAsync(new Uri("/api/v1/streams/shared-name", UriKind.Relative))).ReadAsync<StreamResponse>();
        Assert.False(stream.Monitor!.Stopped);
    }

    [Fact]
    public async Task The_same_stream_id_in_two_tenants_are_two_streams_and_one_tenant_bank_never_matches_the_other()
    {
        var tenantA = ApiSteps.NewTenantId("twin-a");
        using var admin = node.Admin();
        using var a = await node.NewTenantAsync(tenantA);
        using var b = await node.NewTenantAsync(ApiSteps.NewTenantId("twin-b"));
        var (png, hash) = TestPictures.Png(seed: 3);
        var bank = await admin.CreateBankAsync(tenantA);
        await admin.ImportHashesAsync(tenantA, bank.Id, hash);
        await a.RegisterAsync("same");
        await b.RegisterAsync("same");

        var matchedInA = await a.PushUntilAsync("same", png, run: "r");
        var inB = await b.PostPngAsync("same", png, "r", 0).PushedAsync();

        Assert.Equal(1, matchedInA.Matched);
        Assert.Equal(0, inB.Matched);
        Assert.Null(inB.IncidentId);
        Assert.Equal("Clear", inB.Level);
    }

    [Fact]
    public async Task Platform_keys_cannot_reach_administration_and_see_no_hash_lists()
    {
        using var platform = await node.NewTenantAsync(ApiSteps.NewTenantId("noadmin"));

        Assert.Equal(HttpStatusCode.Forbidden, (await platform.GetAsync(new Uri("/api/v1/admin/banks", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.GetAsync(new Uri("/api/v1/admin/tenants", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.PostAsJsonAsync("/api/v1/admin/tenants", new CreateTenantRequest("evil", "Evil"))).StatusCode);
    }
}
