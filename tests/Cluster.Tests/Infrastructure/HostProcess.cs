using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace LiveWatch.Cluster.Tests.Infrastructure;

/// <summary>
/// A LiveWatch process as an operator runs it (<c>dotnet X.dll</c>, settings in the environment): started, stopped
/// with SIGTERM, or killed with SIGKILL. Its console output is kept for diagnostics and for the operator's view of what
/// it did.
/// </summary>
internal abstract class HostProcess : IDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    protected HostProcess(int index, string dataDirectory, IReadOnlyDictionary<string, string> environment)
    {
        Index = index;
        DataDirectory = dataDirectory;
        Environment = environment;
    }

    public int Index { get; }

    public string DataDirectory { get; }

    public bool IsRunning => _process is { HasExited: false };

    public int ProcessId => _process?.Id ?? 0;

    public IEnumerable<string> Output => _output;

    protected IReadOnlyDictionary<string, string> Environment { get; }

    public void Start()
    {
        _output.Clear();
        var start = StartInfo();
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var (key, value) in Environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["LiveWatch__DataDirectory"] = DataDirectory;
        AddSettings(start.Environment);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary><c>kill -9</c>: no shutdown, no hand-over; the cluster learns of it only by missed probes or heartbeats.</summary>
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

    public virtual void Dispose()
    {
        Crash();
        _process?.Dispose();
    }

    /// <summary>
    /// The executable build of <c>src/<paramref name="project"/></c> in the tests' configuration: only that build has
    /// its runtimeconfig (the copy next to the silo is a library).
    /// </summary>
    public static string OwnBuild(string project, string assembly)
    {
        var dll = Path.Combine(Repository.Root, "src", project, "bin", Configuration, "net10.0", assembly);
        return File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json"))
            ? dll
            : throw new FileNotFoundException($"{assembly} is not built as an executable; build the solution first.", dll);
    }

    /// <summary>The build configuration the tests run in, which the processes they start run in too.</summary>
    public static string Configuration => AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>What to run; the environment, data directory and output capture are added by <see cref="Start"/>.</summary>
    protected abstract ProcessStartInfo StartInfo();

    /// <summary>This process's own settings, on top of the cluster's.</summary>
    protected abstract void AddSettings(IDictionary<string, string?> environment);

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
