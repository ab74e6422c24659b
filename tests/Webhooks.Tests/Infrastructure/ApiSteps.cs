using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveWatch.Hashing;
using LiveWatch.Silo.Api.Models;

namespace LiveWatch.Webhooks.Tests.Infrastructure;

/// <summary>The calls the tests make again and again, each checking that the API said yes.</summary>
internal static class ApiSteps
{
    public static string NewTenantId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static async Task<BankResponse> CreateBankAsync(this HttpClient admin, string tenantId, string name = "known")
    {
        var response = await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{tenantId}/banks", new CreateBankRequest(name, "Normal"));
        return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<BankResponse>(Json.Options))!;
    }

    public static async Task ImportHashesAsync(this HttpClient admin, string tenantId, long bankId, params Hash256[] hashes)
    {
        using var content = new StringContent(string.Join('\n', hashes.Select(h => h.ToString())), System.Text.Encoding.UTF8, "text/plain");
        (await admin.PostAsync(new Uri($"/api/v1/admin/tenants/{tenantId}/banks/{bankId}/import?name=bank.txt", UriKind.Relative), content)).EnsureSuccessStatusCode();
    }

    public static async Task RegisterAsync(this HttpClient platform, string streamId, string? userId = null)
    {
        var response = await platform.PostAsJsonAsync("/api/v1/streams", new RegisterStreamRequest(streamId, UserId: userId, Title: "test stream"));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task StopAsync(this HttpClient platform, string streamId) =>
        (await platform.PostAsync(new Uri($"/api/v1/streams/{streamId}/stop", UriKind.Relative), null)).EnsureSuccessStatusCode();

    public static async Task<PushResponse> PushCanvasAsync(this HttpClient platform, string streamId, byte[] luma, string run, long seq)
    {
        using var content = new ByteArrayContent(luma);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/octet-stream");
        var response = await platform.PostAsync(new Uri($"/api/v1/streams/{streamId}/frames?run={run}&seq={seq}&width=64&height=64", UriKind.Relative), content);
        return await response.ReadAsync<PushResponse>();
    }

    /// <summary>
    /// Pushes the canvas (a new sequence each time) until its answer says whether it matched as wanted: bank changes
    /// reach the silo's replica asynchronously. A different canvas goes before each try, or the monitor would take the
    /// try for a near-duplicate of the previous one.
    /// </summary>
    public static async Task<PushResponse> PushUntilAsync(this HttpClient platform, string streamId, byte[] luma, bool matched, string run = "r1")
    {
        PushResponse? ack = null;
        var seq = 0L;
        await Poll.UntilAsync(
            async () =>
            {
                await platform.PushCanvasAsync(streamId, Canvases.Make((int)seq + 1_000_000).Luma, run, seq++);
                ack = await platform.PushCanvasAsync(streamId, luma, run, seq++);
                return (ack.Matched > 0) == matched;
            },
            $"a push to {streamId} that {(matched ? "matches" : "does not match")}");
        return ack!;
    }

    /// <summary>A tenant with a bank holding one canvas's hash, a registered stream, and an incident opened on it by that canvas.</summary>
    public static async Task<(Guid Incident, byte[] Luma)> OpenIncidentAsync(this HttpClient platform, HttpClient admin, string tenantId, string streamId, int seed, string? userId = null)
    {
        var (luma, hash) = Canvases.Make(seed);
        var bank = await admin.CreateBankAsync(tenantId, $"known-{seed}");
        await admin.ImportHashesAsync(tenantId, bank.Id, hash);
        await platform.RegisterAsync(streamId, userId);
        var ack = await platform.PushUntilAsync(streamId, luma, matched: true);
        Assert.NotNull(ack.IncidentId);
        return (ack.IncidentId!.Value, luma);
    }

    public static async Task<IncidentDetailResponse> IncidentAsync(this HttpClient platform, Guid incidentId) =>
        await (await platform.GetAsync(new Uri($"/api/v1/incidents/{incidentId}", UriKind.Relative))).ReadAsync<IncidentDetailResponse>();

    public static Task<HttpResponseMessage> DecideAsync(this HttpClient client, Guid incidentId, string decision, IncidentDecisionRequest? request = null, string? tenantId = null) =>
        client.PostAsJsonAsync(
            tenantId is null ? $"/api/v1/incidents/{incidentId}/{decision}" : $"/api/v1/admin/tenants/{tenantId}/incidents/{incidentId}/{decision}",
            request ?? new IncidentDecisionRequest());

    public static async Task<WebhookEndpointResponse> CreateWebhookAsync(this HttpClient platform, string url) =>
        await (await platform.PostAsJsonAsync("/api/v1/webhooks", new CreateWebhookEndpointRequest(url, "test receiver"))).ReadAsync<WebhookEndpointResponse>();

    public static async Task<WebhookMessageResponse[]> WebhookMessagesAsync(this HttpClient platform) =>
        await (await platform.GetAsync(new Uri("/api/v1/webhooks/messages?max=1000", UriKind.Relative))).ReadAsync<WebhookMessageResponse[]>();

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json.Options))!;
    }

    /// <summary>The problem detail of a refused call, after checking its status.</summary>
    public static async Task<string> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(System.Text.Json.JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out var detail), $"no detail in {body}");
        return detail.GetString() ?? string.Empty;
    }
}
