using System.Diagnostics;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Streams;

namespace LiveWatch.LoadTest;

/// <summary>
/// Drives many stream grains at once through their grain references, each with its own run and increasing sequences,
/// sending batches of distinct canvases from the pool (consecutive frames of a stream are never near duplicates).
/// Closed loop (each stream sends its next batch when the previous is acknowledged) or paced at a total frame rate;
/// paced latencies count from the scheduled send time, so a silo falling behind shows up in the latency.
/// </summary>
public sealed class StreamDriver
{
    private readonly IGrainFactory _grains;
    private readonly IReadOnlyList<FramePicture> _pictures;
    private readonly string _prefix;
    private readonly int _streams;
    private readonly int _batch;
    private readonly double _rate;
    private readonly bool _fair;
    private readonly List<BatchRecord>[] _records;
    private long _errors;

    public StreamDriver(IGrainFactory grains, IReadOnlyList<FramePicture> pictures, string prefix, int streams, int batch, double rate, bool fair = true)
    {
        _fair = fair;
        _grains = grains;
        _pictures = pictures;
        _prefix = prefix;
        _streams = streams;
        _batch = batch;
        _rate = rate;
        _records = new List<BatchRecord>[streams];
        for (var i = 0; i < streams; i++)
        {
            _records[i] = new List<BatchRecord>(1024);
        }
    }

    /// <summary>Batches that failed (the exception is swallowed so one bad call does not stop the run).</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Runs every stream until <paramref name="stop"/> fires, then waits for the batches in flight.</summary>
    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, _streams).Select(i => Task.Run(() => RunStreamAsync(i, stop), CancellationToken.None)));

    /// <summary>Figures of a measuring window given in <see cref="Stopwatch"/> timestamps.</summary>
    public DriverWindow Window(long from, long to)
    {
        long frames = 0, batches = 0, matched = 0;
        var latencies = new List<double>();
        foreach (var records in _records)
        {
            foreach (var r in records)
            {
                if (r.Done >= from && r.Done < to)
                {
                    frames += r.Frames;
                    batches++;
                    matched += r.Matched;
                }

                if (r.Sent >= from && r.Sent < to)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(r.Sent, r.Done).TotalMilliseconds);
                }
            }
        }

        var seconds = Stopwatch.GetElapsedTime(from, to).TotalSeconds;
        return new DriverWindow(seconds, frames, batches, matched, new Percentiles(latencies));
    }

    private async Task RunStreamAsync(int index, CancellationToken stop)
    {
        var grain = _grains.GetGrain<IStreamMonitorGrain>(new StreamKey(InProcessSilo.Tenant, $"{_prefix}-{index}").ToGrainKey());
        var records = _records[index];
        var runId = $"run-{index}";
        var cursor = index * 7919 % _pictures.Count;
        long sequence = 0;
        var interval = _rate > 0 ? TimeSpan.FromSeconds(_streams * _batch / _rate) : TimeSpan.Zero;
        var due = Stopwatch.GetTimestamp() + (long)(interval.TotalSeconds * Stopwatch.Frequency * index / _streams);
        while (!stop.IsCancellationRequested)
        {
            long sent;
            if (_rate > 0)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(wait, stop).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }

                sent = due;
                due += (long)(interval.TotalSeconds * Stopwatch.Frequency);
            }
            else
            {
                sent = Stopwatch.GetTimestamp();
            }

            var frames = new SampledFrame[_batch];
            for (var f = 0; f < frames.Length; f++)
            {
                frames[f] = new SampledFrame(sequence, DateTimeOffset.UtcNow, sequence * 0.25, _pictures[cursor]);
                sequence++;
                cursor = (cursor + 1) % _pictures.Count;
            }

            try
            {
                var ack = await grain.IngestAsync(new FrameBatch(runId, frames)).ConfigureAwait(false);
                records.Add(new BatchRecord(sent, Stopwatch.GetTimestamp(), ack.Accepted, ack.Matched));

                // Continue from the thread pool's global queue, like a request arriving from outside. Continuing on
                // the local queue of the thread that delivered the ack lets a few streams cycle there while the rest,
                // timers included, starve behind them (seen: 30 s timeouts and a 30 s window lasting 136 s).
                if (_fair)
                {
                    await Task.Yield();
                }
            }
#pragma warning disable CA1031 // A load tool counts failures and carries on; the count is reported.
            catch (Exception)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref _errors);
            }
        }
    }

    private readonly record struct BatchRecord(long Sent, long Done, int Frames, int Matched);
}
