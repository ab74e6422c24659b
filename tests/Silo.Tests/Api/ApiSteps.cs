using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveWatch.Hashing;
using LiveWatch.Silo.Api.Models;

namespace LiveWatch.Silo.Tests.Api;

/// <summary>The calls the tests make again and again, each checking that the API said yes.</summary>
internal static class ApiSteps
{
    public static string NewTenantId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static async Task<BankResponse> CreateBankAsync(this HttpClient admin, string tenantId, string name = "known", string kind = "Normal")
    {
        var response = await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{tenantId}/banks", new CreateBankRequest(name, kind));
        return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<BankResponse>(Json.Options))!;
    }

    public static async Task<HttpResponseMessage> ImportAsync(this HttpClient admin, string tenantId, long bankId, string text, string name = "bank.txt")
    {
        using var content = new StringContent(text, System.Text.Encoding.UTF8, "text/plain");
        return await admin.PostAsync(new Uri($"/api/v1/admin/tenants/{tenantId}/banks/{bankId}/import?name={name}", UriKind.Relative), content);
    }

    public static async Task ImportHashesAsync(this HttpClient admin, string tenantId, long bankId, params Hash256[] hashes)
    {
        var response = await admin.ImportAsync(tenantId, bankId, string.Join('\n', hashes.Select(h => h.ToString())));
        response.EnsureSuccessStatusCode();
    }

    public static async Task RegisterAsync(this HttpClient platform, string streamId)
    {
        var response = await platform.PostAsJsonAsync("/api/v1/streams", new RegisterStreamRequest(streamId, Title: "test stream"));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    public static Task<HttpResponseMessage> PostPngAsync(this HttpClient platform, string streamId, byte[] png, string run = "r1", long seq = 0) =>
        platform.PostBytesAsync($"/api/v1/streams/{streamId}/frames?run={run}&seq={seq}", png, "image/png");

    public static Task<HttpResponseMessage> PostCanvasAsync(this HttpClient platform, string streamId, byte[] luma, string run = "r1", long seq = 0) =>
        platform.PostBytesAsync($"/api/v1/streams/{streamId}/frames?run={run}&seq={seq}&width=64&height=64", luma, "application/octet-stream");

    public static async Task<HttpResponseMessage> PostBytesAsync(this HttpClient client, string path, byte[] body, string contentType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    public static async Task<PushResponse> PushedAsync(this Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<PushResponse>(Json.Options))!;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json.Options))!;
    }

    /// <summary>The problem detail of a refused call, after checking its status.</summary>
    public static async Task<string> ProblemAsync(this HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(System.Text.Json.JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out var detail), $"no detail in {body}");
        return detail.GetString() ?? string.Empty;
    }

    /// <summary>
    /// Pushes the canvas (a new sequence each time) until the answer says whether it matched as wanted; bank changes
    /// reach the silo's replica asynchronously (the replica polls the store's change sequence). A different canvas goes
    /// before each try, or the monitor would take the try for a near-duplicate and reuse the previous answer.
    /// </summary>
    public static Task<PushResponse> PushUntilAsync(this HttpClient platform, string streamId, byte[] png, string run) =>
        PushUntilCoreAsync(platform, streamId, (seq) => platform.PostPngAsync(streamId, png, run, seq), matched: true, run, TimeSpan.FromSeconds(30));

    public static Task<PushResponse> PushUntilAsync(this HttpClient platform, string streamId, byte[] luma, bool matched, string run, TimeSpan patience) =>
        PushUntilCoreAsync(platform, streamId, (seq) => platform.PostCanvasAsync(streamId, luma, run, seq), matched, run, patience);

    private static async Task<PushResponse> PushUntilCoreAsync(
        HttpClient platform, string streamId, Func<long, Task<HttpResponseMessage>> push, bool matched, string run, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        for (var seq = 0L; ; seq += 2)
        {
            await platform.PostCanvasAsync(streamId, TestPictures.Canvas((int)seq + 1_000_000).Luma, run, seq).PushedAsync();
            var ack = await push(seq + 1).PushedAsync();
            if ((ack.Matched > 0) == matched || DateTime.UtcNow > deadline)
            {
                return ack;
            }

            await Task.Delay(100);
        }
    }
}
