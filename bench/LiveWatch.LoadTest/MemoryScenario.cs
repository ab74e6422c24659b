using System.Diagnostics;
using System.Globalization;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Streams;

namespace LiveWatch.LoadTest;

/// <summary>
/// Scenario 3: memory per idle stream grain. Activates grains with one batch each, lets them go idle, forces full
/// compacting collections and divides the growth of the managed heap (and of the working set) by the grain count.
/// A first round of grains warms up JIT, pools and per-thread scratch so the baseline already holds them.
/// </summary>
public static class MemoryScenario
{
    private const int WarmupGrains = 500;

    public static async Task RunAsync(InProcessSilo silo, IReadOnlyList<FramePicture> traffic, LoadTestOptions options, TextWriter log)
    {
        await ActivateAsync(silo, traffic, "mem-warm", WarmupGrains, options.Batch).ConfigureAwait(false);
        var (heapBefore, workingSetBefore) = await SettleAsync().ConfigureAwait(false);
        var loadAtStart = MachineInfo.LoadAverage();

        await ActivateAsync(silo, traffic, "mem", options.Grains, options.Batch).ConfigureAwait(false);
        var (heapAfter, workingSetAfter) = await SettleAsync().ConfigureAwait(false);

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            ## memory per idle stream grain: {options.Grains:N0} grains, one batch of {options.Batch} each, dihedral {(options.Dihedral ? "on" : "off")}
            load average at start {loadAtStart}
            managed heap: {heapBefore / 1048576.0:F1} MiB -> {heapAfter / 1048576.0:F1} MiB = {(heapAfter - heapBefore) / (double)options.Grains:F0} bytes per grain
            working set: {workingSetBefore / 1048576.0:F1} MiB -> {workingSetAfter / 1048576.0:F1} MiB = {(workingSetAfter - workingSetBefore) / (double)options.Grains:F0} bytes per grain
            """));
    }

    private static async Task ActivateAsync(InProcessSilo silo, IReadOnlyList<FramePicture> traffic, string prefix, int count, int batch)
    {
        using var gate = new SemaphoreSlim(64);
        var tasks = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            await gate.WaitAsync().ConfigureAwait(false);
            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    var grain = silo.Grains.GetGrain<IStreamMonitorGrain>(new StreamKey(InProcessSilo.Tenant, $"{prefix}-{index}").ToGrainKey());
                    var frames = new SampledFrame[batch];
                    for (var f = 0; f < batch; f++)
                    {
                        frames[f] = new SampledFrame(f, DateTimeOffset.UtcNow, f * 0.25, traffic[((index * batch) + f) % traffic.Count]);
                    }

                    await grain.IngestAsync(new FrameBatch("run-0", frames)).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    // Idle for a moment (responses and timers drain), then full blocking compacting collections until the heap is stable.
    private static async Task<(long Heap, long WorkingSet)> SettleAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }
}
