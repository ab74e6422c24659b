using System.Collections.Concurrent;
using System.Net;

namespace LiveWatch.Silo.Tests;

/// <summary>
/// Stands in for an OpenTelemetry collector's OTLP/HTTP receiver on loopback: accepts every export and remembers which
/// signal paths (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>) received data. The payloads are not decoded:
/// what they hold is the exporter's business; that the host sends them to the configured address is ours.
/// </summary>
internal sealed class LoopbackOtlpCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, int> _exports = new();
    private readonly Task _serving;

    public LoopbackOtlpCollector()
    {
        Endpoint = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    public async Task<bool> WaitForAsync(string path, TimeSpan patience)
    {
        for (var waited = TimeSpan.Zero; waited < patience; waited += TimeSpan.FromMilliseconds(200))
        {
            if (_exports.ContainsKey(path))
            {
                return true;
            }

            await Task.Delay(200);
        }

        return _exports.ContainsKey(path);
    }

    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            await context.Request.InputStream.CopyToAsync(Stream.Null);
            if (context.Request.HttpMethod == "POST" && context.Request.ContentLength64 > 0)
            {
                _exports.AddOrUpdate(context.Request.Url!.AbsolutePath, 1, (_, count) => count + 1);
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }
}
