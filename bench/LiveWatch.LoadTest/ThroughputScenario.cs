using System.Diagnostics;
using System.Globalization;
using LiveWatch.Contracts.Ingest;

namespace LiveWatch.LoadTest;

/// <summary>Scenario 1: frames/s through <c>StreamMonitorGrain</c> with many streams, and the batch latency meanwhile.</summary>
public static class ThroughputScenario
{
    public static async Task RunAsync(InProcessSilo silo, IReadOnlyList<FramePicture> traffic, LoadTestOptions options, TextWriter log)
    {
        using var timings = new GrainBatchTimings();
        var driver = new StreamDriver(silo.Grains, traffic, "tp", options.Streams, options.Batch, options.Rate);
        using var stop = new CancellationTokenSource();
        var loadAtStart = MachineInfo.LoadAverage();
        var process = Process.GetCurrentProcess();
        var clock = Stopwatch.StartNew();
        var running = driver.RunAsync(stop.Token);

        await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds)).ConfigureAwait(false);
        var from = Stopwatch.GetTimestamp();
        process.Refresh();
        var cpuFrom = process.TotalProcessorTime;
        timings.Start();
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds)).ConfigureAwait(false);
        var to = Stopwatch.GetTimestamp();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuFrom;
        var inGrain = timings.Stop();
        var loadAtEnd = MachineInfo.LoadAverage();
        await stop.CancelAsync().ConfigureAwait(false);
        await running.ConfigureAwait(false);

        var window = driver.Window(from, to);
        var utilisation = cpu.TotalSeconds / Stopwatch.GetElapsedTime(from, to).TotalSeconds / Environment.ProcessorCount;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            ## throughput: {options.Streams} streams, batches of {options.Batch}, dihedral {(options.Dihedral ? "on (8 needles)" : "off (1 needle)")}, bank {options.BankSize:N0}, {(options.Rate > 0 ? $"paced at {options.Rate:F0} frames/s" : "closed loop")}
            load average at start {loadAtStart}, at end {loadAtEnd}; process CPU {utilisation:P0} of {Environment.ProcessorCount} cores, {cpu.TotalMicroseconds / Math.Max(1, window.Frames):F0} us CPU per frame (silo and load generator together)
            {window}
            time inside the grain per batch: {inGrain}
            errors: {driver.Errors}
            """));
    }
}
