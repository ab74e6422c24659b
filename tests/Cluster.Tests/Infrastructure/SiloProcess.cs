using System.Diagnostics;
using System.Globalization;
using System.Net;
using LiveWatch.Tests.Common;

namespace LiveWatch.Cluster.Tests.Infrastructure;

/// <summary>
/// One silo as an operator runs it: <c>dotnet LiveWatch.Silo.dll</c> with its settings in the environment, on ports of
/// its own that it keeps across restarts. Its output is the operator's view of where a grain runs (the stream grain
/// logs the incidents it opens).
/// </summary>
internal sealed class SiloProcess : HostProcess
{
    public SiloProcess(int index, string dataDirectory, IReadOnlyDictionary<string, string> environment)
        : base(index, dataDirectory, environment)
    {
        HttpPort = LoopbackPorts.Free();
        SiloPort = LoopbackPorts.Free();
        GatewayPort = LoopbackPorts.Free();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public int HttpPort { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public HttpClient Http { get; }

    public static string SiloDll()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "LiveWatch.Silo.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("LiveWatch.Silo.dll is not next to the tests; build the solution first.", dll);
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

    public override void Dispose()
    {
        base.Dispose();
        Http.Dispose();
    }

    protected override ProcessStartInfo StartInfo() =>
        new("dotnet", [SiloDll(), "--urls", Http.BaseAddress!.ToString().TrimEnd('/')]);

    protected override void AddSettings(IDictionary<string, string?> environment)
    {
        environment["LiveWatch__SiloPort"] = SiloPort.ToString(CultureInfo.InvariantCulture);
        environment["LiveWatch__GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture);
    }
}
