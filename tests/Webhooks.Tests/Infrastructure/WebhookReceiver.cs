using System.Collections.Concurrent;
using System.Net;
using LiveWatch.Sdk.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LiveWatch.Webhooks.Tests.Infrastructure;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, a free port) that plays a platform's webhook endpoints: each path
/// answers as its test scripts it (status by attempt, slowly), and every call is recorded with its raw body and headers.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedCall> _calls = new();
    private readonly ConcurrentDictionary<string, Func<ReceivedCall, Task<int>>> _scripts = new();
    private readonly ConcurrentDictionary<(string, string?), int> _attempts = new();
    private readonly WebApplication _app;
    private readonly int _port;
    private long _order;

    private WebhookReceiver(WebApplication app, int port)
    {
        _app = app;
        _port = port;
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = LoopbackPorts.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, port);
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    public IReadOnlyList<ReceivedCall> Calls => [.. _calls];

    /// <summary>The URL of one path, answering as <paramref name="script"/> says (default: 200 at once).</summary>
    public string Endpoint(string path, Func<ReceivedCall, Task<int>>? script = null)
    {
        _scripts[path] = script ?? (_ => Task.FromResult(200));
        return $"http://127.0.0.1:{_port}/{path}";
    }

    /// <summary>Changes how a path answers from now on.</summary>
    public void Script(string path, Func<ReceivedCall, Task<int>> script) => _scripts[path] = script;

    public IReadOnlyList<ReceivedCall> CallsTo(string path) => [.. _calls.Where(c => c.Path == path).OrderBy(c => c.Arrived)];

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context, string path)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        string? Header(string name) => context.Request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;
        var eventId = Header(WebhookHeaders.EventId);
        var call = new ReceivedCall(
            path,
            Interlocked.Increment(ref _order),
            _attempts.AddOrUpdate((path, eventId), 1, (_, n) => n + 1),
            Header(WebhookHeaders.Signature),
            eventId,
            Header(WebhookHeaders.EventType),
            Header(WebhookHeaders.Timestamp),
            Header(WebhookHeaders.DeliveryAttempt),
            context.Request.ContentType,
            body.ToArray());
        _calls.Enqueue(call);
        var status = await (_scripts.TryGetValue(path, out var script) ? script(call) : Task.FromResult(404));
        call.Status = status;
        call.Answered = Interlocked.Increment(ref _order);
        context.Response.StatusCode = status;
    }
}
