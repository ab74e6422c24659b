namespace LiveWatch.Ingest.Supervision;

/// <summary>
/// Limits how many ffmpeg children are starting (connecting, probing, decoding a first frame) at once: hundreds of
/// starts together saturate a worker's cores and every one of them then times out. Shared by a worker's supervisors.
/// </summary>
public sealed class FfmpegStartGate : IDisposable
{
    private readonly SemaphoreSlim _slots;

    public FfmpegStartGate(int maxConcurrentStarts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentStarts, 1);
        MaxConcurrentStarts = maxConcurrentStarts;
        _slots = new SemaphoreSlim(maxConcurrentStarts, maxConcurrentStarts);
    }

    public int MaxConcurrentStarts { get; }

    /// <summary>Starts in progress now.</summary>
    public int Starting => MaxConcurrentStarts - _slots.CurrentCount;

    /// <summary>Waits for a slot; dispose the result once the child produced its first sample or gave up.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
