using System.Diagnostics;
using System.Net;

namespace LiveWatch.Silo.Tests;

/// <summary>The README's "First steps with curl", run as written (bash, curl, ./run.sh hash) against a real node.</summary>
public sealed class ReadmeWalkthroughTests
{
    private const string Marker = "<!-- walkthrough";
    private const string RtmpMarker = "<!-- rtmp-walkthrough";

    [Fact]
    public async Task The_readme_curl_walkthrough_works_as_written_and_ends_with_an_incident()
    {
        var root = SiloProcessTests.RepositoryRoot();
        var script = WalkthroughBlock(await File.ReadAllTextAsync(Path.Combine(root, "README.md")));
        var data = Path.Combine(Path.GetTempPath(), $"livewatch-readme-{Guid.NewGuid():N}");
        var port = LoopbackPorts.Free();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        using var silo = SiloProcessTests.Start(data, port);
        try
        {
            Assert.Equal(HttpStatusCode.OK, await SiloProcessTests.WaitForAsync(http, "/health/ready"));

            var (exitCode, output, errors) = await RunBashAsync(script, root, new Dictionary<string, string>
            {
                ["LW"] = $"http://127.0.0.1:{port}/api/v1",
                ["LIVEWATCH_DATA"] = data,
            });

            Assert.True(exitCode == 0, $"the walkthrough failed ({exitCode}):\n{output}\n{errors}");
            Assert.Contains("\"level\":\"Alert\"", output, StringComparison.Ordinal);
            Assert.Contains("\"matchCount\":1", output, StringComparison.Ordinal);
            Assert.Contains("\"variant\":\"rot180\"", output, StringComparison.Ordinal);
            Assert.Contains("\"openIncidentId\":\"", output, StringComparison.Ordinal);
        }
        finally
        {
            silo.Kill(entireProcessTree: true);
            await silo.WaitForExitAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task The_readme_rtmp_walkthrough_follows_a_published_stream_to_an_incident_with_preview_evidence()
    {
        var root = SiloProcessTests.RepositoryRoot();
        var readme = await File.ReadAllTextAsync(Path.Combine(root, "README.md"));
        var script = WalkthroughBlock(readme) + "\n" + WalkthroughBlock(readme, RtmpMarker);
        var data = Path.Combine(Path.GetTempPath(), $"livewatch-readme-rtmp-{Guid.NewGuid():N}");
        var port = LoopbackPorts.Free();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };

        // As the README starts it: ./run.sh --LiveWatch:Ingest:Sources:AllowedPrivateHosts:0=127.0.0.1
        using var silo = SiloProcessTests.Start(data, port, new Dictionary<string, string> { ["LiveWatch__Ingest__Sources__AllowedPrivateHosts__0"] = "127.0.0.1" });
        try
        {
            Assert.Equal(HttpStatusCode.OK, await SiloProcessTests.WaitForAsync(http, "/health/ready"));

            var (exitCode, output, errors) = await RunBashAsync(script, root, new Dictionary<string, string>
            {
                ["LW"] = $"http://127.0.0.1:{port}/api/v1",
                ["LIVEWATCH_DATA"] = data,
                ["RTMP_PORT"] = LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            });

            Assert.True(exitCode == 0, $"the RTMP walkthrough failed ({exitCode}):\n{output}\n{errors}");
            Assert.Contains("\"streamId\":\"rtmp-demo\"", output, StringComparison.Ordinal);
            Assert.Contains("\"kind\":\"Preview\"", output, StringComparison.Ordinal);
            Assert.Contains("\"state\":\"Stopped\"", output, StringComparison.Ordinal);
        }
        finally
        {
            silo.Kill(entireProcessTree: true);
            await silo.WaitForExitAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    private static string WalkthroughBlock(string readme, string marker = Marker)
    {
        var at = readme.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"README.md has no '{marker}' marker");
        var start = readme.IndexOf("```sh\n", at, StringComparison.Ordinal) + "```sh\n".Length;
        var end = readme.IndexOf("\n```", start, StringComparison.Ordinal);
        return readme[start..end];
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunBashAsync(string script, string directory, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", script])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var bash = Process.Start(start)!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var errors = bash.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await bash.WaitForExitAsync(timeout.Token);
        return (bash.ExitCode, await output, await errors);
    }
}
