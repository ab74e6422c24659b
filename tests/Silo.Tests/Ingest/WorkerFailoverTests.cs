using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using LiveWatch.Ingest.Tests.Publishers;
using LiveWatch.Sdk.Client.Models;
using Xunit.Abstractions;

namespace LiveWatch.Silo.Tests.Ingest;

/// <summary>
/// A stand-alone ingest worker process (`src/Ingest`, an Orleans client) joins the node, takes its share of the
/// streams, and is killed with SIGKILL: its leases expire, its streams resume on the node's embedded worker, and the
/// ffmpeg children it left behind do not keep pulling.
/// </summary>
[Collection(SharedLiveNode.Name)]
public sealed class WorkerFailoverTests(LiveNode node, ITestOutputHelper output)
{
    private const int Streams = 4;
    private const string External = "external-worker";
    private readonly int _metricsPort = LoopbackPorts.Free();

    [Fact]
    public async Task A_worker_killed_with_sigkill_loses_its_streams_to_another_worker_and_leaves_no_sampler_behind()
    {
        using var folder = new TemporaryFolder();
        using var hls = new HlsServer(folder.Path);

        // HLS over HTTP: any number of clients may pull it, as from a CDN, so a stream can move between workers.
        var publishers = Enumerable.Range(0, Streams).Select(i => FfmpegPublisher.Run(
            $"-hide_banner -v error -re -f lavfi -i testsrc2=size=320x180:rate=30 -t 180 {FfmpegPublisher.H264(gop: 30)} " +
            $"-f hls -hls_time 1 -hls_list_size 8 -hls_flags delete_segments -hls_segment_filename \"{Path.Combine(folder.Path, $"s{i}-%d.ts")}\" " +
            $"\"{Path.Combine(folder.Path, $"s{i}.m3u8")}\"")).ToList();
        using var worker = StartWorker();
        try
        {
            await Eventually.HoldsAsync(async () => (await OverviewAsync()).Workers.Any(w => w.Id == External), "the external worker at the scheduler", node);
            await Eventually.HoldsAsync(() => Enumerable.Range(0, Streams).All(i => File.Exists(Path.Combine(folder.Path, $"s{i}.m3u8"))), "the HLS playlists", node);
            for (var i = 0; i < Streams; i++)
            {
                await node.Platform.RegisterStreamAsync(new StreamRegistration($"failover-{i}", new Uri(hls.Url($"s{i}.m3u8"))), CancellationToken.None);
            }

            // Least loaded first: the external worker takes its share and samples it.
            var moved = await Eventually.GetAsync(async () =>
            {
                var held = (await OverviewAsync()).Workers.Single(w => w.Id == External).Streams;
                return held.Count > 0 && await AllLiveAsync(held) ? held : null;
            }, "streams live on the external worker", node);
            output.WriteLine($"external worker (pid {worker.Id}) follows {string.Join(", ", moved)}");

            // Its own Prometheus endpoint counts what it follows (an operator scrapes every process).
            using (var scrape = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
            {
                var metrics = await Eventually.GetAsync(
                    async () => await scrape.GetStringAsync(new Uri($"http://127.0.0.1:{_metricsPort}/metrics")) is var text && text.Contains("livewatch_ingest_batches_sent", StringComparison.Ordinal) ? text : null,
                    "delivered batches on the worker's /metrics", node);
                Assert.Contains("livewatch_ingest_streams", metrics, StringComparison.Ordinal);
            }

            var before = await FramesAsync(moved);

            Process.Start("kill", ["-KILL", worker.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
            var killedAt = Stopwatch.StartNew();

            // Its leases expire and the node's own worker resumes the streams: more frames arrive for each of them.
            await Eventually.GetAsync(async () =>
            {
                var overview = await OverviewAsync();
                var gone = overview.Workers.All(w => w.Id != External);
                var frames = await FramesAsync(moved);
                return gone && moved.All(s => frames[s] > before[s] + 3) ? frames : null;
            }, "the external worker's streams sampled again by another worker", node);
            output.WriteLine($"streams resumed {killedAt.Elapsed.TotalSeconds:F1} s after SIGKILL (lease period 10 s)");
            foreach (var stream in moved)
            {
                var info = await node.Platform.GetStreamAsync(stream, CancellationToken.None);
                Assert.NotEqual(External, info.Ingest?.WorkerId);
            }

            // The killed worker's ffmpeg children lose their reader and exit; none is left pulling.
            await Eventually.HoldsAsync(() => Orphans(worker.Id).Count == 0, $"no ffmpeg child of the killed worker {worker.Id} left", node);
        }
        finally
        {
            if (!worker.HasExited)
            {
                worker.Kill(entireProcessTree: true);
            }

            for (var i = 0; i < Streams; i++)
            {
                await node.Platform.StopStreamAsync($"failover-{i}", CancellationToken.None);
            }

            publishers.ForEach(p => p.Dispose());
        }
    }

    private Process StartWorker()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(SiloProcessTests.RepositoryRoot(), "src", "Ingest", "bin", configuration, "net10.0", "LiveWatch.Ingest.dll");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["LiveWatch__GatewayPort"] = node.GatewayPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["LiveWatch__Ingest__Worker__WorkerId"] = External;
        start.Environment["LiveWatch__Ingest__Worker__MetricsPort"] = _metricsPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["LiveWatch__Ingest__Sources__AllowedPrivateHosts__0"] = "127.0.0.1";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => output.WriteLine($"[worker] {e.Data}");
        process.ErrorDataReceived += (_, e) => output.WriteLine($"[worker] {e.Data}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<(List<(string Id, List<string> Streams)> Workers, int Waiting)> OverviewAsync()
    {
        var json = await node.Admin.GetFromJsonAsync<JsonElement>("api/v1/admin/ingest");
        var workers = json.GetProperty("workers").EnumerateArray()
            .Select(w => (w.GetProperty("workerId").GetString()!, w.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("streamId").GetString()!).ToList()))
            .ToList();
        return (workers, json.GetProperty("waiting").GetArrayLength());
    }

    private async Task<bool> AllLiveAsync(IEnumerable<string> streams)
    {
        foreach (var stream in streams)
        {
            if ((await node.Platform.GetStreamAsync(stream, CancellationToken.None)).Ingest?.State != StreamState.Live)
            {
                return false;
            }
        }

        return true;
    }

    private async Task<Dictionary<string, long>> FramesAsync(IEnumerable<string> streams)
    {
        var frames = new Dictionary<string, long>();
        foreach (var stream in streams)
        {
            frames[stream] = (await node.Platform.GetStreamAsync(stream, CancellationToken.None)).Monitor?.FramesReceived ?? 0;
        }

        return frames;
    }

    // The sampler marks each child with its worker's pid (lw<pid>-): any such process still alive is an orphan.
    private static IReadOnlyList<int> Orphans(int workerPid) =>
        ChildProcesses.Find(string.Create(CultureInfo.InvariantCulture, $"=lw{workerPid}-"));
}
