using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LiveWatch.Contracts.Scheduling;
using LiveWatch.Contracts.Streams;
using LiveWatch.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace LiveWatch.LoadTest;

/// <summary>
/// Live ingest end to end: K ffmpeg publishers serve 720p30 H.264 (keyframe every 2 s) over RTMP on 127.0.0.1; the
/// silo's embedded worker follows every stream through the scheduler (one ffmpeg sampler child each) and delivers to
/// the stream grains. Reports streams followed, samples per keyframe, CPU of LiveWatch's own process against its ffmpeg
/// children's, memory per stream and sample lag from capture in the source to the grain.
/// </summary>
public static class IngestScenario
{
    public const int ClipSeconds = 20;
    public const double KeyframeInterval = 2;

    public static async Task RunAsync(InProcessSilo silo, LoadTestOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var count = options.LiveStreams;
        var clip = LivePublisher.EnsureClip(Path.GetTempPath(), ClipSeconds);
        var baselinePrivate = ProcessCpu.PrivateBytes(Environment.ProcessId) ?? 0;
        var publishers = new List<LivePublisher>(count);
        try
        {
            // Staggered: a hundred ffmpeg starts at once saturate two cores for tens of seconds.
            for (var i = 0; i < count; i++)
            {
                publishers.Add(LivePublisher.Start(clip, FreePort(), $"s{i}"));
                if (i % 10 == 9)
                {
                    await Task.Delay(200).ConfigureAwait(false);
                }
            }

            var scheduler = silo.Grains.GetGrain<IIngestSchedulerGrain>(IngestScheduler.Key);
            await using (var scope = silo.Store.CreateAsyncScope())
            {
                var streams = scope.ServiceProvider.GetRequiredService<StreamStore>();
                for (var i = 0; i < count; i++)
                {
                    var key = new StreamKey(InProcessSilo.Tenant, $"s{i}");
                    await streams.RegisterAsync(key.TenantId, new StreamRegistration(key.StreamId, publishers[i].Url, null, null, null, 0)).ConfigureAwait(false);
                    await scheduler.ScheduleAsync(new StreamToFollow(key, publishers[i].Url, 0)).ConfigureAwait(false);
                }
            }

            log.WriteLine($"ingest: {count} RTMP publishers started and registered; warming up {options.WarmupSeconds} s");
            var warmup = Stopwatch.StartNew();
            while (warmup.Elapsed.TotalSeconds < Math.Max(options.WarmupSeconds, 5))
            {
                await Task.Delay(1000).ConfigureAwait(false);
            }

            silo.Arrivals.Drain();
            var self = Environment.ProcessId;
            var before = Snapshot(self, publishers);
            var window = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds)).ConfigureAwait(false);
            var after = Snapshot(self, publishers);
            var seconds = window.Elapsed.TotalSeconds;
            var arrivals = silo.Arrivals.Drain();

            var byStream = publishers.Select((p, i) => (Key: $"{InProcessSilo.Tenant}/s{i}", Publisher: p)).ToDictionary(x => x.Key, x => x.Publisher);
            var lags = new List<double>();
            foreach (var arrival in arrivals)
            {
                if (byStream.TryGetValue(arrival.Stream, out var publisher) && publisher.StartedAt is { } started)
                {
                    lags.Add((arrival.At - started.AddSeconds(arrival.StreamSeconds)).TotalMilliseconds);
                }
            }

            var followed = arrivals.Select(a => a.Stream).Distinct().Count();
            var expected = count * seconds / KeyframeInterval;
            var ownCpu = after.Own - before.Own;
            var samplerCpu = after.Samplers.Where(kv => before.Samplers.ContainsKey(kv.Key)).Sum(kv => kv.Value - before.Samplers[kv.Key])
                + after.Samplers.Where(kv => !before.Samplers.ContainsKey(kv.Key)).Sum(kv => kv.Value);
            var publisherCpu = after.Publishers.Where(kv => before.Publishers.ContainsKey(kv.Key)).Sum(kv => kv.Value - before.Publishers[kv.Key]);
            var ownPrivate = (ProcessCpu.PrivateBytes(self) ?? 0) - baselinePrivate;
            var samplerPids = ProcessCpu.Children(self, "ffmpeg", "-listen");
            // Per stream, not per child: with the keyframe relay a stream has two (reader and decoder).
            var samplerPrivate = samplerPids.Select(ProcessCpu.PrivateBytes).Where(b => b is not null).Select(b => b!.Value).DefaultIfEmpty(0).Sum() / (double)count;

            log.WriteLine($"ingest: {followed}/{count} streams followed over {seconds:F0} s; {arrivals.Count} samples at the grains for ~{expected:F0} keyframes published ({arrivals.Count / Math.Max(expected, 1):P0})");
            log.WriteLine($"ingest: sample lag capture -> grain {new Percentiles(lags)} (keyframe interval {KeyframeInterval * 1000:F0} ms; target p95 <= {(KeyframeInterval + 1) * 1000:F0} ms)");
            log.WriteLine($"ingest: CPU per stream-second: LiveWatch process {ownCpu / seconds / count:F4} s, ffmpeg samplers {samplerCpu / seconds / count:F4} s ({samplerPids.Count} children), ratio {(samplerCpu > 0 ? ownCpu / samplerCpu : 0):P0} (target <= 25%); publishers {publisherCpu / seconds / count:F4} s (not LiveWatch)");
            log.WriteLine($"ingest: total CPU {(ownCpu + samplerCpu + publisherCpu) / seconds:F2} cores of {Environment.ProcessorCount}; load average {MachineInfo.LoadAverage()}");
            log.WriteLine($"ingest: memory per stream: LiveWatch process +{ownPrivate / (double)count / 1048576:F2} MiB private, ffmpeg samplers {samplerPrivate / 1048576:F1} MiB private ({samplerPids.Count} children for {count} streams; keyframe relay {(options.KeyframeRelay ? "on" : "off")})");
        }
        finally
        {
            await using (var scope = silo.Store.CreateAsyncScope())
            {
                var scheduler = silo.Grains.GetGrain<IIngestSchedulerGrain>(IngestScheduler.Key);
                for (var i = 0; i < publishers.Count; i++)
                {
                    await scheduler.UnscheduleAsync(new StreamKey(InProcessSilo.Tenant, $"s{i}")).ConfigureAwait(false);
                }
            }

            foreach (var publisher in publishers)
            {
                await publisher.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static (double Own, Dictionary<int, double> Samplers, Dictionary<int, double> Publishers) Snapshot(int self, List<LivePublisher> publishers)
    {
        var own = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var samplers = ProcessCpu.Children(self, "ffmpeg", "-listen").ToDictionary(pid => pid, pid => ProcessCpu.CpuSeconds(pid) ?? 0);
        var pubs = publishers.Where(p => !p.HasExited).ToDictionary(p => p.ProcessId, p => ProcessCpu.CpuSeconds(p.ProcessId) ?? 0);
        return (own, samplers, pubs);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
