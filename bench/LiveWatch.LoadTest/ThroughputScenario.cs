using System.Diagnostics;
using System.Globalization;
using LiveWatch.Contracts.Ingest;

namespace LiveWatch.LoadTest;

/// <summary>Scenario 1: frames/s through <c>StreamMonitorGrain</c> with many streams, and the batch latency meanwhile.</summary>
public static class ThroughputScenario
{
    /// <param name="grains">The in-process silo's grain factory, or a cluster client's.</param>
    /// <param name="silos">Processes whose CPU counts with this one's (a cluster's silos); none for the in-process silo.</param>
    public static async Task RunAsync(IGrainFactory grains, IReadOnlyList<int> silos, IReadOnlyList<FramePicture> traffic, LoadTestOptions options, TextWriter log)
    {
        using var timings = new GrainHistogram(GrainHistogram.BatchDuration);
        var driver = new StreamDriver(grains, traffic, $"tp{Environment.ProcessId}", options.Streams, options.Batch, options.Rate, options.FairContinuations);
        using var stop = new CancellationTokenSource();
        var loadAtStart = MachineInfo.LoadAverage();
        using var process = Process.GetCurrentProcess();
        var running = driver.RunAsync(stop.Token);

        // The window is timed on a thread of its own: under full load a thread-pool timer can fire late.
        long from = 0, to = 0;
        TimeSpan cpu = default;
        Percentiles inGrain = new([]);
        string loadAtEnd = "";
        var gcFrom = GcSnapshot.Take();
        var gc = default(GcSnapshot);
        var window = new Thread(() =>
        {
            Thread.Sleep(TimeSpan.FromSeconds(options.WarmupSeconds));
            from = Stopwatch.GetTimestamp();
            process.Refresh();
            var cpuFrom = process.TotalProcessorTime + SilosCpu(silos);
            timings.Start();
            gcFrom = GcSnapshot.Take();
            Thread.Sleep(TimeSpan.FromSeconds(options.Seconds));
            to = Stopwatch.GetTimestamp();
            process.Refresh();
            cpu = process.TotalProcessorTime + SilosCpu(silos) - cpuFrom;
            inGrain = timings.Stop();
            gc = GcSnapshot.Take() - gcFrom;
            loadAtEnd = MachineInfo.LoadAverage();
            stop.Cancel();
        }) { IsBackground = true, Name = "load window" };
        window.Start();
        await running.ConfigureAwait(false);
        window.Join();

        var figures = driver.Window(from, to);
        var utilisation = cpu.TotalSeconds / Stopwatch.GetElapsedTime(from, to).TotalSeconds / Environment.ProcessorCount;
        var where = silos.Count == 0 ? "one in-process silo" : $"a cluster of {silos.Count} silo processes (CPU below: theirs and the load generator's)";
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            ## throughput on {where}: {options.Streams} streams, batches of {options.Batch}, dihedral {(silos.Count > 0 ? "as the silos are configured" : options.Dihedral ? "on (8 needles)" : "off (1 needle)")}, bank {options.BankSize:N0}, {(options.Rate > 0 ? $"paced at {options.Rate:F0} frames/s" : "closed loop")}, fair continuations {(options.FairContinuations ? "on" : "off")}
            load average at start {loadAtStart}, at end {loadAtEnd}; process CPU {utilisation:P0} of {Environment.ProcessorCount} cores, {cpu.TotalMicroseconds / Math.Max(1, figures.Frames):F0} us CPU per frame (silo and load generator together)
            {figures}
            time inside the grain per batch: {(silos.Count == 0 ? inGrain.ToString() : "not seen from outside the silos")}
            garbage collections in this process during the window: {gc}
            errors: {driver.Errors}
            """));
    }

    private static TimeSpan SilosCpu(IReadOnlyList<int> silos) =>
        TimeSpan.FromSeconds(silos.Sum(pid => ProcessCpu.CpuSeconds(pid) ?? 0));
}
