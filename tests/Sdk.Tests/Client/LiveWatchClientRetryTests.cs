using System.Net;
using System.Net.Sockets;
using LiveWatch.Sdk.Client;
using LiveWatch.Sdk.Client.Models;

namespace LiveWatch.Sdk.Tests.Client;

/// <summary>Which failures the client retries and which it does not, against a real HTTP server that fails on purpose.</summary>
public sealed class LiveWatchClientRetryTests
{
    [Fact]
    public async Task Server_errors_are_retried_until_the_call_succeeds()
    {
        await using var server = await ScriptedServer.StartAsync((n, response) =>
        {
            if (n <= 3)
            {
                response.StatusCode = StatusCodes503;
                return Task.CompletedTask;
            }

            return ScriptedServer.StreamAsync(response);
        });
        using var http = new HttpClient();
        var client = Client(http, server.Address, maxRetries: 4);

        var stream = await client.GetStreamAsync("s1", CancellationToken.None);

        Assert.Equal(("s1", StreamState.Live), (stream.StreamId, stream.State));
        Assert.Equal(4, server.Requests);
    }

    [Fact]
    public async Task Rate_limiting_is_retried_after_the_servers_Retry_After()
    {
        await using var server = await ScriptedServer.StartAsync((n, response) =>
        {
            if (n == 1)
            {
                response.StatusCode = (int)HttpStatusCode.TooManyRequests;
                response.Headers.RetryAfter = "1";
                return Task.CompletedTask;
            }

            return ScriptedServer.StreamAsync(response);
        });
        using var http = new HttpClient();
        var client = Client(http, server.Address, maxRetries: 1);

        var stream = await client.GetStreamAsync("s1", CancellationToken.None);

        Assert.Equal("s1", stream.StreamId);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task When_the_retries_run_out_the_last_refusal_is_thrown()
    {
        await using var server = await ScriptedServer.StartAsync((_, response) =>
            ScriptedServer.ProblemAsync(response, StatusCodes503, "the store is unavailable"));
        using var http = new HttpClient();
        var client = Client(http, server.Address, maxRetries: 2);

        var refused = await Assert.ThrowsAsync<LiveWatchApiException>(() => client.GetStreamAsync("s1", CancellationToken.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("the store is unavailable", refused.Detail);
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task A_bad_request_is_not_retried()
    {
        await using var server = await ScriptedServer.StartAsync((_, response) =>
            ScriptedServer.ProblemAsync(response, (int)HttpStatusCode.BadRequest, "hashes[0].hash: not 64 hex digits"));
        using var http = new HttpClient();
        var client = Client(http, server.Address, maxRetries: 5);

        var refused = await Assert.ThrowsAsync<LiveWatchApiException>(() =>
            client.PushHashesAsync("s1", "run-1", [new PushedHash(1, "x", 100)], CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("hashes[0].hash: not 64 hex digits", refused.Detail);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Connection_errors_are_retried_then_thrown()
    {
        // A port that was free a moment ago: nothing listens, so every attempt is refused at connect.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient();
        var client = Client(http, new Uri($"http://127.0.0.1:{port}/"), maxRetries: 2);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStreamAsync("s1", CancellationToken.None));
    }

    [Fact]
    public async Task Cancellation_stops_a_retry_loop()
    {
        await using var server = await ScriptedServer.StartAsync((_, response) =>
        {
            response.StatusCode = StatusCodes503;
            return Task.CompletedTask;
        });
        using var http = new HttpClient();

        // The backoff is long: the call can only end through the cancellation, while it waits to retry.
        var client = new LiveWatchClient(http, new LiveWatchClientOptions
        {
            BaseAddress = server.Address,
            ApiKey = "lw_test_secret",
            MaxRetries = 20,
            InitialBackoff = TimeSpan.FromHours(1),
            MaxBackoff = TimeSpan.FromHours(1),
        });
        using var cancellation = new CancellationTokenSource();

        var call = client.GetStreamAsync("s1", cancellation.Token);
        await server.FirstRequest.Task;
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, server.Requests);
    }

    private const int StatusCodes503 = (int)HttpStatusCode.ServiceUnavailable;

    private static LiveWatchClient Client(HttpClient http, Uri address, int maxRetries) => new(http, new LiveWatchClientOptions
    {
        BaseAddress = address,
        ApiKey = "lw_test_secret",
        MaxRetries = maxRetries,
        InitialBackoff = TimeSpan.FromMilliseconds(5),
        MaxBackoff = TimeSpan.FromMilliseconds(20),
    });
}
