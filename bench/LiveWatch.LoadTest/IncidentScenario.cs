using System.Diagnostics;
using System.Globalization;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Streams;
using LiveWatch.Hashing;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace LiveWatch.LoadTest;

/// <summary>
/// Scenario 2: frame accepted to incident persisted. Canvases are planted in the bank through the store; each incident
/// stream then sends one batch whose first frame is its planted canvas. The clock runs from the IngestAsync call to
/// the ack carrying the incident id: the grain awaits <c>IIncidentGrain.ReportAsync</c>, which commits the incident,
/// matches and evidence in one store transaction, before it answers. Afterwards every acked incident is read back.
/// </summary>
public static class IncidentScenario
{
    public static async Task RunAsync(
        InProcessSilo silo, IReadOnlyList<FramePicture> traffic, IReadOnlyList<FramePicture> planted, IReadOnlyList<Hash256> plantedHashes,
        LoadTestOptions options, TextWriter log)
    {
        await using (var scope = silo.Store.CreateAsyncScope())
        {
            var streams = scope.ServiceProvider.GetRequiredService<StreamStore>();
            for (var i = 0; i < planted.Count; i++)
            {
                await streams.RegisterAsync(InProcessSilo.Tenant, new StreamRegistration($"incident-{i}")).ConfigureAwait(false);
            }
        }

        await silo.ImportAndReplicateAsync(plantedHashes, log).ConfigureAwait(false);

        var background = new StreamDriver(silo.Grains, traffic, "bg", options.Streams, options.Batch, options.BackgroundRate);
        using var stop = new CancellationTokenSource();
        var backgroundRun = options.BackgroundRate > 0 ? background.RunAsync(stop.Token) : Task.CompletedTask;
        await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds)).ConfigureAwait(false);

        var loadAtStart = MachineInfo.LoadAverage();
        using var inGrain = new GrainHistogram(GrainHistogram.FrameToIncident);
        using var spans = new SpanDurations();
        inGrain.Start();
        var from = Stopwatch.GetTimestamp();
        var latencies = new double[planted.Count];
        var incidentIds = new Guid?[planted.Count];
        using var gate = new SemaphoreSlim(options.IncidentConcurrency);
        var tasks = new List<Task>();
        for (var i = 0; i < planted.Count; i++)
        {
            await gate.WaitAsync().ConfigureAwait(false);
            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    var grain = silo.Grains.GetGrain<IStreamMonitorGrain>(new StreamKey(InProcessSilo.Tenant, $"incident-{index}").ToGrainKey());
                    var frames = new SampledFrame[options.Batch];
                    for (var f = 0; f < frames.Length; f++)
                    {
                        var picture = f == 0 ? planted[index] : traffic[(index * 13 + f) % traffic.Count];
                        frames[f] = new SampledFrame(f, DateTimeOffset.UtcNow, f * 0.25, picture);
                    }

                    var started = Stopwatch.GetTimestamp();
                    var ack = await grain.IngestAsync(new FrameBatch("run-0", frames)).ConfigureAwait(false);
                    latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    incidentIds[index] = ack.IncidentId;
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        var to = Stopwatch.GetTimestamp();
        var frameToIncident = inGrain.Stop();
        await stop.CancelAsync().ConfigureAwait(false);
        await backgroundRun.ConfigureAwait(false);
        var loadAtEnd = MachineInfo.LoadAverage();

        var persisted = 0;
        await using (var scope = silo.Store.CreateAsyncScope())
        {
            var incidents = scope.ServiceProvider.GetRequiredService<IncidentStore>();
            foreach (var id in incidentIds)
            {
                if (id is { } incidentId && await incidents.GetAsync(InProcessSilo.Tenant, incidentId).ConfigureAwait(false) is not null)
                {
                    persisted++;
                }
            }
        }

        var backgroundWindow = options.BackgroundRate > 0 ? background.Window(from, to).ToString() : "none";
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            ## frame -> incident: {planted.Count} incidents, {options.IncidentConcurrency} in flight, dihedral {(options.Dihedral ? "on" : "off")}, bank {options.BankSize:N0}
            load average at start {loadAtStart}, at end {loadAtEnd}
            acks with an incident id: {incidentIds.Count(id => id is not null)}/{planted.Count}; incidents found in the store afterwards: {persisted}
            IngestAsync -> ack with incident id: {new Percentiles(latencies.Where((_, i) => incidentIds[i] is not null))}
            in the grain, frame accepted -> incident committed (livewatch.frame_to_incident.duration): {frameToIncident}
            spans (the batch span includes the report, the report span the store transaction):
            {spans.Summary()}
            background load meanwhile ({options.BackgroundRate:F0} frames/s offered): {backgroundWindow}; errors {background.Errors}
            """));
    }
}
