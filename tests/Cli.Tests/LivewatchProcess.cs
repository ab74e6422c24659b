using System.Diagnostics;

namespace LiveWatch.Cli.Tests;

/// <summary>Runs the real <c>livewatch</c> program as a child process, the way an operator or a script does.</summary>
internal static class LivewatchProcess
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public string[] OutputLines => StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static async Task<Result> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        start.ArgumentList.Add(LocateLivewatch());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"livewatch {string.Join(' ', args)} did not finish within 3 minutes");
        }

        return new Result(process.ExitCode, (await stdout).ReplaceLineEndings("\n"), (await stderr).ReplaceLineEndings("\n"));
    }

    private static string LocateLivewatch()
    {
        // The project reference builds livewatch next to the tests; fall back to the CLI's own output folder.
        var local = Path.Combine(AppContext.BaseDirectory, "livewatch.dll");
        if (File.Exists(local) && File.Exists(Path.Combine(AppContext.BaseDirectory, "livewatch.runtimeconfig.json")))
        {
            return local;
        }

        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var built = Path.Combine(Repository.Root, "src", "Cli", "bin", configuration, "net10.0", "livewatch.dll");
        return File.Exists(built) ? built : throw new FileNotFoundException("livewatch.dll is not built", built);
    }
}
