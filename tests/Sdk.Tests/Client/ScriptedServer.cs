using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LiveWatch.Sdk.Tests.Client;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, a free port) that answers every request with what the script says for
/// that request's number (1, 2, ...), so a test sees exactly how many attempts the client made and over a real socket.
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private ScriptedServer(WebApplication app) => _app = app;

    /// <summary>Requests received so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Completed when the first request arrives.</summary>
    public TaskCompletionSource FirstRequest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Uri Address { get; private set; } = null!;

    public static async Task<ScriptedServer> StartAsync(Func<int, HttpResponse, Task> script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ScriptedServer(app);
        app.Run(context =>
        {
            var number = Interlocked.Increment(ref server._requests);
            server.FirstRequest.TrySetResult();
            return script(number, context.Response);
        });
        await app.StartAsync();
        server.Address = new Uri(app.Urls.Single());
        return server;
    }

    /// <summary>A stream as the API answers <c>GET /api/v1/streams/{id}</c>.</summary>
    public static Task StreamAsync(HttpResponse response)
    {
        response.ContentType = "application/json";
        return response.WriteAsync("""{"streamId":"s1","state":"Live","priority":0,"createdAt":"2026-01-01T00:00:00Z"}""");
    }

    /// <summary>An RFC 9457 problem document, as the API refuses.</summary>
    public static Task ProblemAsync(HttpResponse response, int status, string detail)
    {
        response.StatusCode = status;
        response.ContentType = "application/problem+json";
        return response.WriteAsJsonAsync(new { status, title = "Bad request", detail }, options: null, contentType: "application/problem+json");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
