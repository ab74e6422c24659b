namespace LiveWatch.Ingest.Tests.Publishers;

/// <summary>
/// ffmpeg's RTMP "-listen 1" serves one client and exits; a real RTMP server accepts the sampler again after a
/// restart. This keeps a fresh ffmpeg listener on the port whenever the previous one exits (its clock restarts at 0).
/// </summary>
internal sealed class RepeatingRtmpPublisher : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _loop;

    public RepeatingRtmpPublisher(int port, int gop) => _loop = Task.Run(async () =>
    {
        while (!_cts.IsCancellationRequested)
        {
            using var publisher = FfmpegPublisher.Rtmp(port, gop: gop);
            while (!publisher.HasExited && !_cts.IsCancellationRequested)
            {
                await Task.Delay(50);
            }
        }
    });

    public void Dispose()
    {
        // The loop stops its own publisher: disposing it from here raced with the loop's HasExited check.
        _cts.Cancel();
        _loop.Wait(TimeSpan.FromSeconds(10));
        _cts.Dispose();
    }
}
