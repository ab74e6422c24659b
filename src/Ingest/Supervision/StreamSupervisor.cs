using System.Globalization;
using System.Net.Sockets;
using System.Threading.Channels;
using FFMpegCore;
using FFMpegCore.Exceptions;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Risk;
using LiveWatch.Ingest.Sampling;
using LiveWatch.Ingest.Sources;
using LiveWatch.Sdk.Media;
using Microsoft.Extensions.Logging;

namespace LiveWatch.Ingest.Supervision;

/// <summary>
/// Keeps one stream sampled: one ffmpeg child at a time, restarted with capped backoff when it exits or stalls,
/// switched between keyframe and full decoding as the policy (or a stream without usable keyframes) requires, and
/// reporting each state change. Samples flow through a bounded channel, so a slow reader pauses ffmpeg's output.
/// </summary>
public sealed partial class StreamSupervisor : IAsyncDisposable
{
    private const int ErrorLinesKept = 8;
    private static int s_nextId;

    private readonly string _sourceUrl;
    private readonly SamplerOptions _options;
    private readonly SourceUrlPolicy _urlPolicy;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Func<IngestStateChange, CancellationToken, ValueTask> _onStateChanged;
    private readonly FfmpegStartGate? _startGate;
    private readonly Channel<CanvasSample> _samples;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _gate = new();
    private readonly int _id = Interlocked.Increment(ref s_nextId);
    private readonly string _socketDirectory;

    private SamplingPolicy _policy;
    private bool _keyframeFallback;
    private ActiveChild? _active;
    private long _nextSequence;
    private int _attempt;
    private volatile int _state = (int)IngestState.Starting;
    private int _restarts;
    private Task _running = Task.CompletedTask;

    public StreamSupervisor(
        string sourceUrl,
        SamplerOptions options,
        SourceUrlPolicy urlPolicy,
        ILogger logger,
        TimeProvider time,
        Func<IngestStateChange, CancellationToken, ValueTask> onStateChanged)
        : this(sourceUrl, options, urlPolicy, logger, time, onStateChanged, startGate: null)
    {
    }

    /// <summary>As above, with the worker's shared gate on concurrent ffmpeg starts.</summary>
    public StreamSupervisor(
        string sourceUrl,
        SamplerOptions options,
        SourceUrlPolicy urlPolicy,
        ILogger logger,
        TimeProvider time,
        Func<IngestStateChange, CancellationToken, ValueTask> onStateChanged,
        FfmpegStartGate? startGate)
    {
        _sourceUrl = sourceUrl ?? throw new ArgumentNullException(nameof(sourceUrl));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _urlPolicy = urlPolicy ?? throw new ArgumentNullException(nameof(urlPolicy));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _onStateChanged = onStateChanged ?? throw new ArgumentNullException(nameof(onStateChanged));
        _startGate = startGate;
        var validation = new SamplerOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new ArgumentException(validation.FailureMessage, nameof(options));
        }

        _policy = new SamplingPolicy(SamplingMode.KeyframesOnly, options.FramesPerSecond);
        _samples = Channel.CreateBounded<CanvasSample>(new BoundedChannelOptions(options.SampleBuffer)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = true,
        });
        Preview = new PreviewRing(options.PreviewWindow);
        _socketDirectory = Path.Combine(options.EffectiveSocketRoot, string.Create(CultureInfo.InvariantCulture, $"w{Environment.ProcessId}"));
        ProcessMarker = string.Create(CultureInfo.InvariantCulture, $"{FfmpegOrphans.MarkerPrefix(Environment.ProcessId)}{_id}-");
    }

    /// <summary>Sampled canvases in order; completed when the supervisor stops.</summary>
    public ChannelReader<CanvasSample> Samples => _samples.Reader;

    /// <summary>The last PreviewWindow of evidence previews.</summary>
    public PreviewRing Preview { get; }

    public IngestState State => (IngestState)_state;

    /// <summary>Restarts of the ffmpeg child so far (mode switches on purpose are not counted).</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>The text on the command line of every ffmpeg child of this supervisor (tests count processes by it).</summary>
    public string ProcessMarker { get; }

    /// <summary>The mode the current child decodes with (the policy's, or full decode after a keyframe fallback).</summary>
    public SamplingMode EffectiveMode
    {
        get
        {
            lock (_gate)
            {
                return _keyframeFallback ? SamplingMode.FullDecode : _policy.Mode;
            }
        }
    }

    /// <summary>Switches decoding; the child restarts with new arguments only if the policy changed.</summary>
    public void ApplyPolicy(SamplingPolicy policy)
    {
        if (!double.IsFinite(policy.FramesPerSecond) || policy.FramesPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(policy), policy, "FramesPerSecond must be positive.");
        }

        ActiveChild? restart;
        lock (_gate)
        {
            if (policy == _policy)
            {
                return;
            }

            _policy = policy;
            _keyframeFallback = false;
            restart = _active;
        }

        LogPolicy(_sourceUrl, policy);
        restart?.Stop(ChildStop.PolicyChanged, "policy changed");
    }

    /// <summary>Runs until the stream Ended or Failed, or until cancelled; always completes <see cref="Samples"/>.</summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_running.IsCompleted)
            {
                throw new InvalidOperationException("The supervisor is already running.");
            }

            _running = RunCoreAsync(cancellationToken);
            return _running;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_disposed.IsCancellationRequested)
        {
            await _disposed.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _samples.Writer.TryComplete();
        _disposed.Dispose();
    }

    private async Task RunCoreAsync(CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        var ct = stopping.Token;
        var random = new Random();
        var failures = 0;
        var lastEndedCleanly = false;
        string? lastError = null;
        try
        {
            await ReportAsync(IngestState.Starting, null, ct).ConfigureAwait(false);
            while (!ct.IsCancellationRequested)
            {
                Uri source;
                try
                {
                    source = await CheckSourceAsync(ct).ConfigureAwait(false);
                }
                catch (SourceUrlRefusedException e)
                {
                    await ReportAsync(IngestState.Failed, $"source refused: {e.Message}", ct).ConfigureAwait(false);
                    return;
                }

                var outcome = await RunChildAsync(source, ct).ConfigureAwait(false);
                if (ct.IsCancellationRequested)
                {
                    return;
                }

                if (outcome.Samples > 0)
                {
                    failures = 0; // the budget counts consecutive restarts without a sample
                }

                switch (outcome.Stop)
                {
                    case ChildStop.PolicyChanged:
                        continue;
                    case ChildStop.KeyframeFallback:
                        lock (_gate)
                        {
                            _keyframeFallback = true;
                        }

                        LogFallback(_sourceUrl, outcome.Reason);
                        await ReportAsync(State, $"{outcome.Reason}: switched to full decode", ct).ConfigureAwait(false);
                        continue;
                    case ChildStop.Stalled:
                        await ReportAsync(IngestState.Stalled, outcome.Reason, ct).ConfigureAwait(false);
                        break;
                }

                if (outcome.Permanent)
                {
                    await ReportAsync(IngestState.Failed, outcome.Reason, ct).ConfigureAwait(false);
                    return;
                }

                if (outcome.EndedCleanly && outcome.Stop == ChildStop.None)
                {
                    // A file or a finished HLS playlist has no more to give; re-reading it would replay it. A live
                    // publisher that finished may come back: it gets the restart budget, and Ended if it does not.
                    if (source.IsFile || source.Scheme.StartsWith("http", StringComparison.OrdinalIgnoreCase))
                    {
                        await ReportAsync(IngestState.Ended, "end of stream", ct).ConfigureAwait(false);
                        return;
                    }

                    lastEndedCleanly = true;
                }
                else if (outcome.Samples > 0 || outcome.Stop != ChildStop.None)
                {
                    lastEndedCleanly = false;
                }

                lastError = outcome.Reason ?? lastError;
                failures++;
                if (failures > _options.MaxRestarts)
                {
                    await ReportAsync(
                        lastEndedCleanly ? IngestState.Ended : IngestState.Failed,
                        lastEndedCleanly ? "the publisher finished and did not come back" : lastError ?? "ffmpeg failed",
                        ct).ConfigureAwait(false);
                    return;
                }

                Interlocked.Increment(ref _restarts);
                await ReportAsync(IngestState.Reconnecting, outcome.Reason ?? "source ended", ct).ConfigureAwait(false);
                await Task.Delay(Backoff.Delay(failures, _options.InitialBackoff, _options.MaxBackoff, random), _time, ct).ConfigureAwait(false);
                await ReportAsync(IngestState.Starting, null, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Cancelled or disposed: the child is already stopped by RunChildAsync's finally.
        }
        finally
        {
            _samples.Writer.TryComplete();
        }
    }

    private async Task<Uri> CheckSourceAsync(CancellationToken ct)
    {
        if (_options.AllowLocalFiles && Uri.TryCreate(_sourceUrl, UriKind.Absolute, out var file) && file.IsFile)
        {
            return File.Exists(file.LocalPath) ? file : throw new SourceUrlRefusedException($"no such file: {file.LocalPath}");
        }

        // Again at every start: a name may resolve elsewhere now than when the stream was registered.
        return await _urlPolicy.CheckAsync(_sourceUrl, ct).ConfigureAwait(false);
    }

    private async Task<ChildOutcome> RunChildAsync(Uri source, CancellationToken ct)
    {
        SamplingMode mode;
        double framesPerSecond;
        lock (_gate)
        {
            mode = _keyframeFallback ? SamplingMode.FullDecode : _policy.Mode;
            framesPerSecond = _policy.FramesPerSecond;
        }

        var attempt = Interlocked.Increment(ref _attempt);
        var marker = string.Create(CultureInfo.InvariantCulture, $"{ProcessMarker}{attempt}");
        Directory.CreateDirectory(_socketDirectory);
        var socketPath = Path.Combine(_socketDirectory, string.Create(CultureInfo.InvariantCulture, $"{_id}-{attempt}.sock"));
        var canvasSocketPath = Path.Combine(_socketDirectory, string.Create(CultureInfo.InvariantCulture, $"{_id}-{attempt}-canvas.sock"));
        var packetSocketPath = Path.Combine(_socketDirectory, string.Create(CultureInfo.InvariantCulture, $"{_id}-{attempt}-packets.sock"));
        var relayPath = Path.Combine(_socketDirectory, string.Create(CultureInfo.InvariantCulture, $"{_id}-{attempt}-relay.nut"));
        var relay = mode == SamplingMode.KeyframesOnly && _options.KeyframeRelay;
        File.Delete(socketPath);
        File.Delete(packetSocketPath);

        IDisposable? startSlot = _startGate is null ? null : await _startGate.EnterAsync(ct).ConfigureAwait(false);
        using var childCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var child = new ActiveChild(this, marker, childCts, startSlot);
        var joiner = new PreviewJoiner(Preview, Interlocked.Read(ref _nextSequence));
        Task previews = Task.CompletedTask;
        Task packets = Task.CompletedTask;
        Task watchdog = Task.CompletedTask;
        Task<bool> reader = Task.FromResult(true);
        var success = false;
        try
        {
            using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));
            listener.Listen(1);
            using var packetListener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            packetListener.Bind(new UnixDomainSocketEndPoint(packetSocketPath));
            packetListener.Listen(1);
            lock (_gate)
            {
                _active = child;
            }

            previews = ReadPreviewsAsync(listener, joiner, childCts.Token);
            packets = ReadPacketsAsync(packetListener, child, childCts.Token);
            watchdog = WatchAsync(child, mode, framesPerSecond, childCts.Token);

            FFMpegArguments arguments;
            string outputs;
            if (relay)
            {
                // The reader owns the source (URL rules, timeouts, packet list); the decoder only ever sees our relay.
                UnixFifo.Create(relayPath);
                reader = RunRelayReaderAsync(source, relayPath, packetSocketPath, child, childCts.Token);
                arguments = FFMpegArguments.FromFileInput(relayPath, verifyExists: false, o => o.WithCustomArgument(SamplerArguments.RelayDecoderInput(_options)));
                outputs = SamplerArguments.RelayDecoderOutputs(framesPerSecond, socketPath, marker, _options);
            }
            else
            {
                arguments = SourceInput(source, SamplerArguments.Decoder(mode));
                outputs = SamplerArguments.Outputs(mode, framesPerSecond, packetSocketPath, socketPath, marker, _options);
            }

            var processor = arguments
                .OutputTo(new FfmpegSocketOutput((stream, token) => ReadCanvasesAsync(stream, child, joiner, token), canvasSocketPath, childCts.Token), o => o.WithCustomArgument(outputs))
                .NotifyOnStandardError(child.AddError);
            LogStarting(_sourceUrl, mode, attempt);
            try
            {
                var result = await processor.ProcessAsynchronously(throwOnError: false, FfOptions(), childCts.Token).ConfigureAwait(false);
                success = result.Success && !result.Cancelled;
            }
            catch (OperationCanceledException)
            {
                success = false;
            }
            catch (FFMpegException e)
            {
                child.AddError(e.Message);
            }
            finally
            {
                child.DecoderExited();
            }

            // A decoder that ended cleanly saw the reader close the relay: let that reader finish exiting before the stop
            // below, which would turn its clean end into a kill. One that is stuck on a silent source is not waited for.
            await Task.WhenAny(reader, Task.Delay(_options.KillGrace, _time, childCts.Token)).ConfigureAwait(false);
        }
        finally
        {
            // Whatever happened, no child, socket or task survives this attempt.
            await ProcessTable.StopAsync(marker, _options.KillGrace, _time).ConfigureAwait(false);

            // The decoder ends when the reader closes the relay; a clean end needs both to have finished cleanly. Only
            // awaited once both are stopped: a reader stuck on a silent source would otherwise hold the restart.
            success &= await reader.ConfigureAwait(false);
            lock (_gate)
            {
                _active = null;
            }

            await childCts.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(previews, packets, watchdog, reader).ConfigureAwait(false);
            startSlot?.Dispose();
            TryDelete(socketPath);
            TryDelete(packetSocketPath);
            TryDelete(relayPath);
        }

        return child.Outcome(success);
    }

    private FFMpegArguments SourceInput(Uri source, string moreInputOptions)
    {
        var input = $"{SamplerArguments.Input(source, _options)} {moreInputOptions}";
        var inputUrl = SamplerArguments.InputUrl(source, _options);
        return source.IsFile
            ? FFMpegArguments.FromFileInput(inputUrl, verifyExists: false, o => o.WithCustomArgument(input))
            : FFMpegArguments.FromUrlInput(new Uri(inputUrl), o => o.WithCustomArgument(input));
    }

    /// <summary>
    /// Runs the keyframe relay's reader: the source in, the packet list and the thinned NUT relay out. When it fails,
    /// the decoder is stopped too (it would wait for a relay that never comes) and the reader's errors explain why.
    /// </summary>
    private async Task<bool> RunRelayReaderAsync(Uri source, string relayPath, string packetSocketPath, ActiveChild child, CancellationToken ct)
    {
        var ok = false;
        try
        {
            var processor = SourceInput(source, SamplerArguments.RelayReaderInput)
                .OutputToFile(relayPath, overwrite: true, o => o.WithCustomArgument(SamplerArguments.RelayReaderOutputs(packetSocketPath, child.Marker)))
                .NotifyOnStandardError(child.AddReaderError);
            var result = await processor.ProcessAsynchronously(throwOnError: false, FfOptions(), ct).ConfigureAwait(false);
            ok = result.Success && !result.Cancelled;
        }
        catch (OperationCanceledException)
        {
        }
        catch (FFMpegException e)
        {
            child.AddReaderError(e.Message);
        }

        if (!ok)
        {
            child.ReaderFailed();
        }

        return ok;
    }

    /// <summary>Reads canvases to the end of ffmpeg's output, so the last samples before an exit are not lost.</summary>
    private async Task ReadCanvasesAsync(Stream output, ActiveChild child, PreviewJoiner joiner, CancellationToken token)
    {
        var frame = new byte[CanvasTimestamp.FrameBytes];
        long index = 0;
        try
        {
            while (true)
            {
                var read = await output.ReadAtLeastAsync(frame, frame.Length, throwOnEndOfStream: false, token).ConfigureAwait(false);
                if (read < frame.Length)
                {
                    return;
                }

                var seconds = CanvasTimestamp.ReadSeconds(frame);
                var capturedAt = _time.GetUtcNow();
                var sequence = Interlocked.Increment(ref _nextSequence) - 1;
                var sample = new CanvasSample(sequence, seconds, capturedAt, frame.AsSpan(0, CanvasTimestamp.Side * CanvasTimestamp.Side).ToArray());
                joiner.OnCanvas(index++, seconds, capturedAt);
                if (child.OnSample() && State != IngestState.Live)
                {
                    await ReportAsync(IngestState.Live, null, token).ConfigureAwait(false);
                }

                child.Writing = true;
                try
                {
                    await _samples.Writer.WriteAsync(sample, token).ConfigureAwait(false);
                }
                finally
                {
                    child.Writing = false;
                    child.Progress();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ChannelClosedException)
        {
        }
    }

    private async Task ReadPreviewsAsync(Socket listener, PreviewJoiner joiner, CancellationToken ct)
    {
        try
        {
            using var connection = await listener.AcceptAsync(ct).ConfigureAwait(false);
            await using var stream = new NetworkStream(connection, ownsSocket: false);
            var splitter = new JpegStreamSplitter(stream);
            long index = 0;
            while (await splitter.ReadAsync(ct).ConfigureAwait(false) is { } jpeg)
            {
                joiner.OnPreview(index++, jpeg.Jpeg, jpeg.Width, jpeg.Height);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidDataException)
        {
            // The child died mid-JPEG or wrote garbage: previews stop, canvases decide the stream's fate.
            LogPreviewLost(_sourceUrl, e.Message);
        }
    }

    /// <summary>
    /// Reads the child's packet list and stops it, for good, once the source's bitrate over a whole window is above the
    /// cap. A source read to its end before a window is complete (a short file) is never judged.
    /// </summary>
    private async Task ReadPacketsAsync(Socket listener, ActiveChild child, CancellationToken ct)
    {
        try
        {
            using var connection = await listener.AcceptAsync(ct).ConfigureAwait(false);
            await using var stream = new NetworkStream(connection, ownsSocket: false);
            using var lines = new StreamReader(stream);
            var meter = new SourceBitrateMeter(_options.BitrateWindow);
            while (await lines.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
            {
                if (PacketListLine.IsVideoKeyframe(line))
                {
                    child.KeyframeArrived();
                }

                if (meter.Observe(line) is { } bitsPerSecond && bitsPerSecond > _options.MaxBitrate)
                {
                    child.Stop(ChildStop.BitrateCap, string.Create(
                        CultureInfo.InvariantCulture,
                        $"source bitrate {bitsPerSecond / 1e6:0.0} Mbit/s (over {_options.BitrateWindow.TotalSeconds:0} s of stream time) above the {_options.MaxBitrate / 1e6:0.###} Mbit/s cap ({SamplerOptions.SectionName}:MaxBitrate)"));
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            // The child died mid-line: it is being restarted or stopped anyway.
        }
    }

    private async Task WatchAsync(ActiveChild child, SamplingMode mode, double framesPerSecond, CancellationToken ct)
    {
        var fallbackAfter = TimeSpan.FromSeconds(Math.Max(2 / framesPerSecond, _options.KeyframeFallbackAfter.TotalSeconds));
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time, ct).ConfigureAwait(false);
                if (child.Writing)
                {
                    continue; // waiting for our own reader is not a stall
                }

                var quiet = _time.GetElapsedTime(child.LastProgress);

                // Keyframes the packet list saw recently, though none has come out decoded yet: the decoder is behind
                // (a busy machine, a child still starting), which full decoding would only make worse. The fallback
                // is for sources without keyframes; the stall limits below still apply.
                var keyframesArriving = child.LastKeyframeArrival != 0 && _time.GetElapsedTime(child.LastKeyframeArrival) <= fallbackAfter;
                if (child.Samples == 0)
                {
                    // Connecting and probing come first: give them ConnectTimeout on top of the usual limits.
                    if (quiet > _options.ConnectTimeout + _options.StallTimeout)
                    {
                        child.Stop(ChildStop.Stalled, $"no frame within {(_options.ConnectTimeout + _options.StallTimeout).TotalSeconds:0.#} s of starting");
                        return;
                    }

                    if (mode == SamplingMode.KeyframesOnly && quiet > _options.ConnectTimeout + fallbackAfter && !keyframesArriving)
                    {
                        child.Stop(ChildStop.KeyframeFallback, $"no keyframe within {(_options.ConnectTimeout + fallbackAfter).TotalSeconds:0.#} s of starting");
                        return;
                    }
                }
                else if (mode == SamplingMode.KeyframesOnly && quiet > fallbackAfter && quiet <= _options.StallTimeout && !keyframesArriving)
                {
                    child.Stop(ChildStop.KeyframeFallback, $"no keyframe for {fallbackAfter.TotalSeconds:0.#} s while the input is alive");
                    return;
                }
                else if (quiet > _options.StallTimeout)
                {
                    child.Stop(ChildStop.Stalled, $"no frame for {_options.StallTimeout.TotalSeconds:0.#} s");
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private FFOptions FfOptions()
    {
        var folder = Path.GetDirectoryName(_options.FfmpegPath);
        return new FFOptions { BinaryFolder = string.IsNullOrEmpty(folder) ? string.Empty : folder };
    }

    private async ValueTask ReportAsync(IngestState state, string? reason, CancellationToken ct)
    {
        _state = (int)state;
        LogState(_sourceUrl, state, reason);
        try
        {
            await _onStateChanged(new IngestStateChange(state, reason, Restarts, _time.GetUtcNow()), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The listener's failure must not take the stream down with it.
            LogListenerFailed(_sourceUrl, e.Message);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest {Source}: {State} {Reason}")]
    private partial void LogState(string source, IngestState state, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ingest {Source}: starting ffmpeg ({Mode}, attempt {Attempt})")]
    private partial void LogStarting(string source, SamplingMode mode, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest {Source}: policy {Policy}")]
    private partial void LogPolicy(string source, SamplingPolicy policy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest {Source}: {Reason}; switching to full decode")]
    private partial void LogFallback(string source, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ingest {Source}: preview stream lost ({Error})")]
    private partial void LogPreviewLost(string source, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest {Source}: state listener failed ({Error})")]
    private partial void LogListenerFailed(string source, string error);

    /// <summary>What one ffmpeg run ended with.</summary>
    private sealed record ChildOutcome(long Samples, bool EndedCleanly, ChildStop Stop, string? Reason, bool Permanent);

    /// <summary>The running child: its progress, its last error lines, and how to stop it.</summary>
    private sealed class ActiveChild(StreamSupervisor owner, string marker, CancellationTokenSource cts, IDisposable? startSlot)
    {
        private readonly Queue<string> _errors = new();
        private readonly Queue<string> _readerErrors = new();
        private int _decoderExited;
        private int _readerFailedFirst;
        private long _samples;
        private long _lastProgress = owner._time.GetTimestamp();
        private long _lastKeyframeArrival;
        private int _stop;
        private string? _stopReason;

        public CancellationToken Token => cts.Token;

        public long Samples => Interlocked.Read(ref _samples);

        public long LastProgress => Interlocked.Read(ref _lastProgress);

        public volatile bool Writing;

        /// <summary>Counts a sample; true if it is this child's first.</summary>
        public bool OnSample()
        {
            Progress();
            startSlot?.Dispose(); // started: let the next stream start
            return Interlocked.Increment(ref _samples) == 1;
        }

        public void Progress() => Interlocked.Exchange(ref _lastProgress, owner._time.GetTimestamp());

        /// <summary>When the packet list last showed a video keyframe arriving; 0 = none yet.</summary>
        public long LastKeyframeArrival => Interlocked.Read(ref _lastKeyframeArrival);

        public void KeyframeArrived() => Interlocked.Exchange(ref _lastKeyframeArrival, owner._time.GetTimestamp());

        /// <summary>The text on the command lines of this run's ffmpeg processes.</summary>
        public string Marker => marker;

        public void AddError(string line) => Keep(_errors, line);

        public void AddReaderError(string line) => Keep(_readerErrors, line);

        public void DecoderExited() => Interlocked.Exchange(ref _decoderExited, 1);

        /// <summary>
        /// The relay's reader failed. If the decoder still runs it has nothing more to read: stop it, and let the
        /// reader's errors (the source's) explain the run. A reader that fails after the decoder is only its echo.
        /// </summary>
        public void ReaderFailed()
        {
            if (Volatile.Read(ref _decoderExited) != 0)
            {
                return;
            }

            Interlocked.Exchange(ref _readerFailedFirst, 1);
            _ = Task.Run(() => ProcessTable.StopAsync(marker, owner._options.KillGrace, owner._time));
        }

        private static void Keep(Queue<string> errors, string line)
        {
            lock (errors)
            {
                errors.Enqueue(line.Trim());
                while (errors.Count > ErrorLinesKept)
                {
                    errors.Dequeue();
                }
            }
        }

        /// <summary>Stops the child (SIGTERM, then SIGKILL after the grace) for the given reason; first reason wins.</summary>
        public void Stop(ChildStop reason, string text)
        {
            if (Interlocked.CompareExchange(ref _stop, (int)reason, 0) != 0)
            {
                return;
            }

            _stopReason = text;
            _ = Task.Run(async () =>
            {
                await ProcessTable.StopAsync(marker, owner._options.KillGrace, owner._time).ConfigureAwait(false);
                try
                {
                    await cts.CancelAsync().ConfigureAwait(false);
                }
                catch (ObjectDisposedException)
                {
                }
            });
        }

        public ChildOutcome Outcome(bool exitedWithZero)
        {
            var stop = (ChildStop)Volatile.Read(ref _stop);
            if (stop != ChildStop.None)
            {
                return new ChildOutcome(Samples, false, stop, _stopReason, Permanent: stop == ChildStop.BitrateCap);
            }

            string[] errors;
            lock (_errors)
            {
                errors = [.. _errors];
            }

            string[] readerErrors;
            lock (_readerErrors)
            {
                readerErrors = [.. _readerErrors];
            }

            string[] all = [.. errors, .. readerErrors];
            if (Volatile.Read(ref _readerFailedFirst) != 0)
            {
                exitedWithZero = false;
                errors = readerErrors;
            }
            else if (errors.Length == 0 && readerErrors.Length > 0)
            {
                errors = readerErrors;
            }

            var text = string.Join(" | ", errors.Where(l => l.Length > 0).Select(Trim));
            if (all.FirstOrDefault(l => l.Contains("exceeds specified max pixel count", StringComparison.Ordinal)) is { } tooLarge)
            {
                return new ChildOutcome(Samples, false, stop, $"resolution above the {owner._options.MaxWidth}x{owner._options.MaxHeight} cap ({Trim(tooLarge)})", true);
            }

            if (all.Any(l => l.Contains("matches no streams", StringComparison.Ordinal)))
            {
                return new ChildOutcome(Samples, false, stop, "the source has no video stream (audio-only?)", true);
            }

            return new ChildOutcome(Samples, exitedWithZero, stop, exitedWithZero ? null : (text.Length == 0 ? "ffmpeg exited with an error" : text), false);
        }

        private static string Trim(string line)
        {
            // "[h264 @ 0x55...] message": the context prefix says nothing to an operator.
            var text = line.Trim();
            while (text.StartsWith('[') && text.IndexOf("] ", StringComparison.Ordinal) is > 0 and var end)
            {
                text = text[(end + 2)..];
            }

            return text.Length > 300 ? text[..300] : text;
        }
    }
}
