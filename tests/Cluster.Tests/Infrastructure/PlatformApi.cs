using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace LiveWatch.Cluster.Tests.Infrastructure;

/// <summary>A platform's calls to the REST API of one silo, with that platform's key.</summary>
internal sealed class PlatformApi(SiloProcess silo, string token)
{
    public SiloProcess Silo { get; } = silo;

    public Task<HttpResponseMessage> RegisterStreamAsync(string streamId, string? sourceUrl = null) =>
        SendAsync(HttpMethod.Post, "/api/v1/streams", new JsonObject { ["streamId"] = streamId, ["sourceUrl"] = sourceUrl });

    public Task<HttpResponseMessage> PushHashesAsync(string streamId, string runId, params (long Sequence, string Hash)[] hashes) =>
        SendAsync(HttpMethod.Post, $"/api/v1/streams/{streamId}/hashes", new JsonObject
        {
            ["runId"] = runId,
            ["hashes"] = new JsonArray(hashes.Select(h => (JsonNode)new JsonObject { ["sequence"] = h.Sequence, ["hash"] = h.Hash, ["quality"] = 100 }).ToArray()),
        });

    public Task<HttpResponseMessage> StopStreamAsync(string streamId) =>
        SendAsync(HttpMethod.Post, $"/api/v1/streams/{streamId}/stop", null);

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    /// <summary>The stream with its monitor's status, or null when the call did not answer 200.</summary>
    public async Task<JsonNode?> StreamAsync(string streamId)
    {
        using var response = await GetAsync($"/api/v1/streams/{streamId}");
        return response.StatusCode == HttpStatusCode.OK ? await ReadAsync(response) : null;
    }

    public async Task<JsonArray> IncidentsOfAsync(string streamId)
    {
        using var response = await GetAsync($"/api/v1/incidents?stream={Uri.EscapeDataString(streamId)}");
        response.EnsureSuccessStatusCode();
        return (JsonArray)(await ReadAsync(response))!;
    }

    public static async Task<JsonNode?> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync());

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await Silo.Http.SendAsync(request);
    }
}
