using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using LiveWatch.Tests.Common;

namespace LiveWatch.Cluster.Tests.Infrastructure;

/// <summary>
/// One silo as an operator runs it: <c>dotnet LiveWatch.Silo.dll</c> with its settings in the environment, on ports of
/// its own that it keeps across restarts. Its console output is kept for diagnostics and for the operator's view of
/// where a grain runs (the stream grain logs the incidents it opens).
/// </summary>
internal sealed class SiloProcess : IDisposable
{
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public SiloProcess(int index, string dataDirectory, IReadOnlyDictionary<string, string> environment)
    {
        Index = index;
        DataDirectory = dataDirectory;
        _environment = environment;
        HttpPort = LoopbackPorts.Free();
        SiloPort = LoopbackPorts.Free();
        GatewayPort = LoopbackPorts.Free();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public int Index { get; }

    public string DataDirectory { get; }

    public int HttpPort { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public HttpClient Http { get; }

    public bool IsRunning => _process is { HasExited: false };

    public IEnumerable<string> Output => _output;

    public static string SiloDll()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "LiveWatch.Silo.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("LiveWatch.Silo.dll is not next to the tests; build the solution first.", dll);
    }

    public void Start()
    {
        _output.Clear();
        var start = new ProcessStartInfo("dotnet", [SiloDll(), "--urls", Http.BaseAddress!.ToString().TrimEnd('/')])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["LiveWatch__DataDirectory"] = DataDirectory;
        start.Environment["LiveWatch__SiloPort"] = SiloPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["LiveWatch__GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public async Task WaitReadyAsync() =>
        await Poll.UntilAsync(
            async () =>
            {
                if (!IsRunning)
                {
                    throw new InvalidOperationException($"silo {Index} exited during start:\n{Tail()}");
                }

                return (await Http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode;
            },
            status => status == HttpStatusCode.OK,
            $"silo {Index} to report ready");

    public async Task<HttpStatusCode> ReadinessAsync()
    {
        try
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            return (await Http.GetAsync(new Uri("/health/ready", UriKind.Relative), cancel.Token)).StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return HttpStatusCode.ServiceUnavailable;
        }
    }

    /// <summary><c>kill -9</c>: no shutdown, no hand-over; the cluster learns of it only by missed probes.</summary>
    public void Crash()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>SIGTERM, as an operator's rolling restart does; SIGKILL if it has not stopped within a minute.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false })
        {
            return;
        }

        await ProcessRunner.RunAsync("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public string Tail(int lines = 40) => string.Join('\n', _output.TakeLast(lines));

    public void Dispose()
    {
        Crash();
        _process?.Dispose();
        Http.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 5000)
        {
            _output.TryDequeue(out _);
        }
    }
}
