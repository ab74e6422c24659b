namespace LiveWatch.Ingest.Workers;

/// <summary>
/// How an ingest worker takes streams and delivers their frames (section <see cref="SectionName"/>). The defaults suit
/// one small machine: a keyframe-only 720p stream costs about 0.011 CPU-seconds per second in its ffmpeg child, so two
/// cores follow well over a hundred (docs/performance.md).
/// </summary>
public sealed class IngestWorkerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "LiveWatch:Ingest:Worker";

    /// <summary>Whether this process runs a worker (a single node does by default; silos of a cluster usually do not).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The worker's name at the scheduler; empty means host name, process id and a random suffix.</summary>
    public string? WorkerId { get; set; }

    /// <summary>Most streams this worker follows at once.</summary>
    public int Capacity { get; set; } = 200;

    /// <summary>A batch goes to the stream's grain when it holds this many frames...</summary>
    public int BatchMaxFrames { get; set; } = 8;

    /// <summary>...or when its first frame has waited this long, whichever comes first.</summary>
    public TimeSpan BatchMaxDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Batches of one stream awaiting the grain's answer at once. When they are all in flight the worker stops reading
    /// samples, the bounded sample buffer fills, and ffmpeg's output blocks: back-pressure instead of a growing queue.
    /// </summary>
    public int MaxInFlightBatches { get; set; } = 2;

    /// <summary>First wait before a failed batch is sent again (same run and sequences, so the grain drops repeats).</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between retries of a failed batch.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// ffmpeg children starting at once. Starting a hundred together saturates two cores for tens of seconds (each
    /// probes its input); the rest wait their turn. Sixteen lets a worker that takes over a dead worker's 25 streams start
    /// them in two rounds (each start waits for a first sample, 2-3 s for HLS), inside the 20 s failover budget; with 8
    /// the last of them resumed after 21 s in CI.
    /// </summary>
    public int MaxConcurrentStarts { get; set; } = 16;

    /// <summary>How long stopping a stream may take (killing ffmpeg, the last batch) before the worker moves on.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
