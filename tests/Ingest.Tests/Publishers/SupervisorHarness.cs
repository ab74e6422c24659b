using System.Collections.Concurrent;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Ingest.Sampling;
using LiveWatch.Ingest.Sources;
using LiveWatch.Ingest.Supervision;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveWatch.Ingest.Tests.Publishers;

/// <summary>
/// A StreamSupervisor with test-sized timeouts, 127.0.0.1 allowed, its state changes recorded and its samples read in
/// the background; disposing it checks that no ffmpeg child carrying its marker survives.
/// </summary>
internal sealed class SupervisorHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new(TimeSpan.FromMinutes(2));
    private readonly Task _reading;
    private Task? _running;

    public SupervisorHarness(string url, Action<SamplerOptions>? configure = null, bool readSamples = true)
    {
        Options = TestOptions();
        configure?.Invoke(Options);
        var sources = new SourceUrlOptions();
        sources.AllowedPrivateHosts.Add("127.0.0.1");
        Supervisor = new StreamSupervisor(url, Options, new SourceUrlPolicy(Microsoft.Extensions.Options.Options.Create(sources)), NullLogger.Instance, TimeProvider.System, (change, _) =>
        {
            Changes.Enqueue(change);
            return ValueTask.CompletedTask;
        });
        _reading = readSamples ? Task.Run(ReadAsync) : Task.CompletedTask;
    }

    public SamplerOptions Options { get; }

    public StreamSupervisor Supervisor { get; }

    public ConcurrentQueue<IngestStateChange> Changes { get; } = new();

    public ConcurrentQueue<CanvasSample> Received { get; } = new();

    public IReadOnlyList<IngestState> States => Changes.Select(c => c.State).ToList();

    public Task Running => _running ?? throw new InvalidOperationException("Not started.");

    public static SamplerOptions TestOptions() => new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(200),
        MaxBackoff = TimeSpan.FromMilliseconds(500),
        MaxRestarts = 2,
        StallTimeout = TimeSpan.FromSeconds(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        KeyframeFallbackAfter = TimeSpan.FromSeconds(10),
        KillGrace = TimeSpan.FromMilliseconds(500),
        PreviewWidth = 160,
        SocketRoot = Path.Combine(Path.GetTempPath(), "livewatch-ingest-tests"),
    };

    public SupervisorHarness Start()
    {
        _running = Supervisor.RunAsync(_cts.Token);
        return this;
    }

    /// <summary>Waits (bounded by the harness's overall deadline, never asserted on) until the condition holds.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        while (!condition())
        {
            if (_cts.IsCancellationRequested || (_running is { IsCompleted: true } && !condition()))
            {
                Assert.Fail($"Gave up waiting for {what}; states: {string.Join(", ", Changes.Select(c => $"{c.State}({c.Reason})"))}; samples: {Received.Count}");
            }

            await Task.Delay(50);
        }
    }

    public Task WaitForSamplesAsync(int count) => WaitUntilAsync(() => Received.Count >= count, $"{count} samples");

    public Task WaitForStateAsync(IngestState state) => WaitUntilAsync(() => Changes.Any(c => c.State == state), $"state {state}");

    public async Task<IngestStateChange> FinishedAsync()
    {
        await Running.WaitAsync(_cts.Token);
        // The run completes the sample channel as it ends: once the reader has drained it, Received holds every sample.
        await _reading.WaitAsync(_cts.Token);
        return Changes.Last();
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        await Supervisor.DisposeAsync();
        await _reading;
        _cts.Dispose();
        Assert.Empty(FfmpegProcesses.Carrying(Supervisor.ProcessMarker));
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var sample in Supervisor.Samples.ReadAllAsync(_cts.Token))
            {
                Received.Enqueue(sample);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
