namespace LiveWatch.Ingest.Sampling;

/// <summary>How the ingest worker's ffmpeg children sample streams (section <c>LiveWatch:Ingest:Sampler</c>).</summary>
public sealed class SamplerOptions
{
    public const string SectionName = "LiveWatch:Ingest:Sampler";

    /// <summary>The ffmpeg executable: a name looked up on PATH, or a full path.</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>Frames hashed per second of stream time (a cap in keyframe mode) until a policy says otherwise.</summary>
    public double FramesPerSecond { get; set; } = 1;

    /// <summary>Width of the evidence preview JPEGs (height keeps the aspect ratio); smaller sources are not enlarged.</summary>
    public int PreviewWidth { get; set; } = 640;

    /// <summary>JPEG quantiser for previews (ffmpeg -q:v, 2 best .. 31 worst): modest quality keeps the ring small.</summary>
    public int PreviewQuality { get; set; } = 6;

    /// <summary>How much stream time of preview frames the ring keeps for evidence.</summary>
    public TimeSpan PreviewWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>No sample for this long while live: the child is killed and restarted (state Stalled).</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long connecting and the first frame may take, on top of <see cref="StallTimeout"/>; also ffmpeg's socket timeout.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Keyframe mode through two children: a reader that relays each keyframe and the two packets after it, and a
    /// decoder. With B-frames (most encoders' default) each sample then arrives within ~0.4 s of its keyframe instead of
    /// two keyframe intervals later, for about a fifth more CPU per stream (docs/ingest.md). Off: one child decodes
    /// keyframes only.
    /// </summary>
    public bool KeyframeRelay { get; set; } = true;

    /// <summary>
    /// In keyframe mode, no sample for max(2 sampling intervals, this) while the child runs means the stream's keyframes
    /// are sparser than the sampling interval (or absent, e.g. intra refresh): the sampler switches to full decode.
    /// </summary>
    public TimeSpan KeyframeFallbackAfter { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Widest source accepted (the decoder enforces width x height as a pixel budget).</summary>
    public int MaxWidth { get; set; } = 3840;

    /// <summary>Tallest source accepted (see <see cref="MaxWidth"/>).</summary>
    public int MaxHeight { get; set; } = 2160;

    /// <summary>
    /// Highest source bitrate accepted, bits per second of stream time (all video and audio packets), averaged over
    /// <see cref="BitrateWindow"/>. A source above it is stopped and marked Failed with its measured bitrate: it would
    /// cost the worker far more than the streams it is sized for.
    /// </summary>
    public long MaxBitrate { get; set; } = 20_000_000;

    /// <summary>Stream time over which the source's bitrate is averaged before it is held against <see cref="MaxBitrate"/>.</summary>
    public TimeSpan BitrateWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First wait before restarting a child that exited; doubles per consecutive failure, with jitter.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between restarts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Consecutive restarts without a single sample after which the stream is Failed (a sample resets the count).</summary>
    public int MaxRestarts { get; set; } = 8;

    /// <summary>Capacity of each stream's sample channel; a full channel pauses ffmpeg's output instead of queueing.</summary>
    public int SampleBuffer { get; set; } = 16;

    /// <summary>After 'stop', how long a child may take to exit on SIGTERM before it is SIGKILLed.</summary>
    public TimeSpan KillGrace { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Accept file:// sources (operators' tests only; platforms cannot register them, SourceUrlPolicy refuses the scheme).</summary>
    public bool AllowLocalFiles { get; set; }

    /// <summary>Folder for the per-worker preview sockets; null = {temp}/livewatch-ingest. FfmpegOrphans cleans it.</summary>
    public string? SocketRoot { get; set; }

    /// <summary>The socket root actually used.</summary>
    public string EffectiveSocketRoot => SocketRoot ?? Path.Combine(Path.GetTempPath(), "livewatch-ingest");
}
