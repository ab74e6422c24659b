using System.Diagnostics;
using System.Globalization;
using LiveWatch.Contracts.Ingest;

namespace LiveWatch.LoadTest;

/// <summary>Scenario 1: frames/s through <c>StreamMonitorGrain</c> with many streams, and the batch latency meanwhile.</summary>
public static class ThroughputScenario
{
    public static async Task RunAsync(InProcessSilo silo, IReadOnlyList<FramePicture> traffic, LoadTestOptions options, TextWriter log)
    {
        using var timings = new GrainHistogram(GrainHistogram.BatchDuration);
        var driver = new StreamDriver(silo.Grains, traffic, "tp", options.Streams, options.Batch, options.Rate, options.FairContinuations);
        using var stop = new CancellationTokenSource();
        var loadAtStart = MachineInfo.LoadAverage();
        using var process = Process.GetCurrentProcess();
        var running = driver.RunAsync(stop.Token);

        // The window is timed on a thread of its own: under full load a thread-pool timer can fire late.
        long from = 0, to = 0;
        TimeSpan cpu = default;
        Percentiles inGrain = new([]);
        string loadAtEnd = "";
        var window = new Thread(() =>
        {
            Thread.Sleep(TimeSpan.FromSeconds(options.WarmupSeconds));
            from = Stopwatch.GetTimestamp();
            process.Refresh();
            var cpuFrom = process.TotalProcessorTime;
            timings.Start();
            Thread.Sleep(TimeSpan.FromSeconds(options.Seconds));
            to = Stopwatch.GetTimestamp();
            process.Refresh();
            cpu = process.TotalProcessorTime - cpuFrom;
            inGrain = timings.Stop();
            loadAtEnd = MachineInfo.LoadAverage();
            stop.Cancel();
        }) { IsBackground = true, Name = "load window" };
        window.Start();
        await running.ConfigureAwait(false);
        window.Join();

        var figures = driver.Window(from, to);
        var utilisation = cpu.TotalSeconds / Stopwatch.GetElapsedTime(from, to).TotalSeconds / Environment.ProcessorCount;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            ## throughput: {options.Streams} streams, batches of {options.Batch}, dihedral {(options.Dihedral ? "on (8 needles)" : "off (1 needle)")}, bank {options.BankSize:N0}, {(options.Rate > 0 ? $"paced at {options.Rate:F0} frames/s" : "closed loop")}, fair continuations {(options.FairContinuations ? "on" : "off")}
            load average at start {loadAtStart}, at end {loadAtEnd}; process CPU {utilisation:P0} of {Environment.ProcessorCount} cores, {cpu.TotalMicroseconds / Math.Max(1, figures.Frames):F0} us CPU per frame (silo and load generator together)
            {figures}
            time inside the grain per batch: {inGrain}
            errors: {driver.Errors}
            """));
    }
}
