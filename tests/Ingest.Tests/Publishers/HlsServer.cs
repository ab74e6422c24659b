using System.Net;

namespace LiveWatch.Ingest.Tests.Publishers;

/// <summary>A minimal HTTP server for a folder of HLS playlists and segments (what a CDN would serve).</summary>
internal sealed class HlsServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private int _requests;

    public HlsServer(string folder)
    {
        Folder = folder;
        Port = LoopbackPorts.Free();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Folder { get; }

    public int Port { get; }

    public int Requests => Volatile.Read(ref _requests);

    public string Url(string file) => $"http://127.0.0.1:{Port}/{file}";

    public void Dispose()
    {
        // Close alone: on Unix, Stop then Close removes the listener twice, and the second removal binds the port again
        // to look for it, a race that once threw ArgumentNullException out of Dispose (HttpEndPointListener.ProcessAccept).
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
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
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            try
            {
                var path = Path.Combine(Folder, Path.GetFileName(context.Request.Url!.AbsolutePath));
                if (File.Exists(path))
                {
                    var bytes = await File.ReadAllBytesAsync(path);
                    context.Response.ContentType = path.EndsWith(".m3u8", StringComparison.Ordinal) ? "application/vnd.apple.mpegurl" : "video/mp2t";
                    await context.Response.OutputStream.WriteAsync(bytes);
                }
                else
                {
                    context.Response.StatusCode = 404;
                }

                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
            }
        }
    }
}
