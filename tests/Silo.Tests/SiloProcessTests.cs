using System.Diagnostics;
using System.Net;

namespace LiveWatch.Silo.Tests;

/// <summary>The host as an operator runs it: a real process on a data directory, probed over HTTP.</summary>
public sealed class SiloProcessTests
{
    [Fact]
    public async Task The_single_node_starts_reports_ready_creates_its_data_directory_and_stops_gracefully_on_sigterm()
    {
        var data = Path.Combine(Path.GetTempPath(), $"livewatch-silo-{Guid.NewGuid():N}");
        var port = LoopbackPorts.Free();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        using var silo = Start(data, port);
        try
        {
            var ready = await WaitForAsync(http, "/health/ready");

            Assert.Equal(HttpStatusCode.OK, ready);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
            Assert.True(File.Exists(Path.Combine(data, "livewatch.db")));
            Assert.True(File.Exists(Path.Combine(data, "evidence.key")));

            Process.Start("kill", ["-TERM", silo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            Assert.True(silo.WaitForExit(TimeSpan.FromSeconds(60)), "the silo did not stop within 60 s of SIGTERM");
            Assert.Equal(0, silo.ExitCode);
        }
        finally
        {
            if (!silo.HasExited)
            {
                silo.Kill(entireProcessTree: true);
            }

            Directory.Delete(data, recursive: true);
        }
    }

    internal static Process Start(string data, int port, IReadOnlyDictionary<string, string>? environment = null, Action<string>? output = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "LiveWatch.Silo.dll");
        if (!File.Exists(dll))
        {
            var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            dll = Path.Combine(RepositoryRoot(), "src", "Silo", "bin", configuration, "net10.0", "LiveWatch.Silo.dll");
        }

        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["LiveWatch__DataDirectory"] = data;
        start.Environment["LiveWatch__SiloPort"] = LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["LiveWatch__GatewayPort"] = LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => output?.Invoke(e.Data ?? string.Empty);
        process.ErrorDataReceived += (_, e) => output?.Invoke(e.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task<HttpStatusCode> WaitForAsync(HttpClient http, string path)
    {
        var last = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 240; attempt++)
        {
            try
            {
                last = (await http.GetAsync(new Uri(path, UriKind.Relative))).StatusCode;
                if (last == HttpStatusCode.OK)
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(500);
        }

        return last;
    }

    internal static string RepositoryRoot() => Repository.Root;
}
