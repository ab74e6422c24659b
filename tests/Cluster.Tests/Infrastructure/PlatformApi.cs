using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace LiveWatch.Cluster.Tests.Infrastructure;

/// <summary>A platform's (or, with an operator key, the operator's) calls to the REST API of one silo, with its key.</summary>
internal sealed class PlatformApi(HttpClient http, string token, SiloProcess? silo = null)
{
    public PlatformApi(SiloProcess silo, string token)
        : this(silo.Http, token, silo)
    {
    }

    public SiloProcess Silo => silo ?? throw new InvalidOperationException("This API is not one of the fixture's silos.");

    public Task<HttpResponseMessage> RegisterStreamAsync(string streamId, string? sourceUrl = null) =>
        SendAsync(HttpMethod.Post, "/api/v1/streams", new JsonObject { ["streamId"] = streamId, ["sourceUrl"] = sourceUrl });

    public Task<HttpResponseMessage> PushHashesAsync(string streamId, string runId, params (long Sequence, string Hash)[] hashes) =>
        SendAsync(HttpMethod.Post, $"/api/v1/streams/{streamId}/hashes", new JsonObject
        {
            ["runId"] = runId,
            ["hashes"] = new JsonArray(hashes.Select(h => (JsonNode)new JsonObject { ["sequence"] = h.Sequence, ["hash"] = h.Hash, ["quality"] = 100 }).ToArray()),
        });

    /// <summary>Pushes the known hash, one new sequence at a time, until the stream is at Alert; returns the level.</summary>
    public async Task<string> PushUntilAlertAsync(string streamId, string runId)
    {
        var sequence = 0L;
        var ack = await Poll.UntilAsync(
            async () =>
            {
                using var response = await PushHashesAsync(streamId, runId, (++sequence, ClusterFixture.KnownHash));
                return response.IsSuccessStatusCode ? await ReadAsync(response) : null;
            },
            answer => answer is not null && (string?)answer["level"] is "Alert" or "Critical",
            $"stream {streamId} to reach Alert");
        return (string)ack!["level"]!;
    }

    public Task<HttpResponseMessage> StopStreamAsync(string streamId) =>
        SendAsync(HttpMethod.Post, $"/api/v1/streams/{streamId}/stop", null);

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<HttpResponseMessage> PostAsync(string path, JsonNode body) => SendAsync(HttpMethod.Post, path, body);

    /// <summary>A JPEG picture as one frame (<c>POST …/frames?run=&amp;seq=</c>), as a platform that sends pixels does.</summary>
    public async Task<HttpResponseMessage> PushPictureAsync(string streamId, string runId, long sequence, string jpeg)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1/streams/{streamId}/frames?run={runId}&seq={sequence}", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Content = new ByteArrayContent(await File.ReadAllBytesAsync(jpeg));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return await http.SendAsync(request);
    }

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

        return await http.SendAsync(request);
    }
}
