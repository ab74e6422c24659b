using System.Diagnostics;
using LiveWatch.Contracts.Ingest;
using LiveWatch.LoadTest;

LoadTestOptions options;
try
{
    options = LoadTestOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(LoadTestOptions.Usage);
    return 2;
}

var log = Console.Out;
log.WriteLine($"machine: {MachineInfo.Describe()}");
log.WriteLine($"load average before setup: {MachineInfo.LoadAverage()}");
log.WriteLine($"options: {options}");

// Traffic canvases and the planted ones come from one pool, so they are all pairwise far apart.
var setup = Stopwatch.StartNew();
var plantedCount = options.Scenario is "incident" or "all" ? options.Incidents : 0;
var pool = CanvasPool.Generate(options.Canvases + plantedCount, options.Seed);
var pictures = pool.Pixels.Select(FramePicture.Canvas).ToList();
var traffic = pictures.Take(options.Canvases).ToList();
var planted = pictures.Skip(options.Canvases).ToList();
var plantedHashes = pool.Hashes.Skip(options.Canvases).Select(h => h.AsSpan()[0]).ToList();
log.WriteLine($"{pool.Count} canvases generated in {setup.Elapsed.TotalSeconds:F1} s (quality >= 50, pairwise > 31 bits under all 8 variants)");

if (options.Scenario == "analyzer")
{
    AnalyzerScenario.Run(traffic, options, log);
    return 0;
}

if (options.Scenario == "cluster")
{
    await ClusterScenario.RunAsync(traffic, options, log).ConfigureAwait(false);
    return 0;
}

await using var silo = await InProcessSilo.StartAsync(options, log).ConfigureAwait(false);
if (options.Scenario is "throughput" or "all")
{
    await ThroughputScenario.RunAsync(silo.Grains, [], traffic, options, log).ConfigureAwait(false);
}

if (options.Scenario is "incident" or "all")
{
    await IncidentScenario.RunAsync(silo, traffic, planted, plantedHashes, options, log).ConfigureAwait(false);
}

if (options.Scenario == "ingest")
{
    await IngestScenario.RunAsync(silo, options, log).ConfigureAwait(false);
}

if (options.Scenario is "memory" or "all")
{
    await MemoryScenario.RunAsync(silo, traffic, options, log).ConfigureAwait(false);
}

return 0;
