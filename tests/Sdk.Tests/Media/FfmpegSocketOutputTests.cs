using FFMpegCore;
using FFMpegCore.Exceptions;
using LiveWatch.Sdk.Media;

namespace LiveWatch.Sdk.Tests.Media;

public sealed class FfmpegSocketOutputTests
{
    private const int Width = 160;
    private const int Height = 120;

    [Fact]
    public async Task A_reader_that_starts_after_ffmpeg_has_exited_still_gets_the_whole_output()
    {
        // The race behind "ffmpeg produced 0 bytes": a short job exits while its output still sits in the socket.
        // Holding the reader back until the child is gone makes that order certain instead of load-dependent.
        var marker = $"lw-socket-test-{Guid.NewGuid():N}";
        using var output = new MemoryStream();
        var readerSawExitedChild = false;
        var socket = new FfmpegSocketOutput(async (stream, token) =>
        {
            while (ChildProcesses.Find(marker).Count > 0)
            {
                await Task.Delay(20, token);
            }

            readerSawExitedChild = true;
            await stream.CopyToAsync(output, token);
        });

        await FFMpegArguments
            .FromFileInput($"testsrc=size={Width}x{Height}:rate=1", verifyExists: false, o => o.ForceFormat("lavfi"))
            .OutputTo(socket, o => o.ForceFormat("rawvideo").WithCustomArgument($"-frames:v 1 -pix_fmt rgb24 -metadata comment={marker}"))
            .ProcessAsynchronously(throwOnError: true);

        Assert.True(readerSawExitedChild);
        Assert.Equal(Width * Height * 3, output.Length);
        Assert.False(File.Exists(socket.SocketPath));
        Assert.False(Directory.Exists(Path.GetDirectoryName(socket.SocketPath)));
    }

    [Fact]
    public async Task An_ffmpeg_that_fails_before_opening_its_output_ends_with_its_error_and_the_reader_is_never_called()
    {
        var readerCalled = false;
        var socket = new FfmpegSocketOutput((_, _) =>
        {
            readerCalled = true;
            return Task.CompletedTask;
        });

        var error = await Assert.ThrowsAnyAsync<FFMpegException>(() => FFMpegArguments
            .FromFileInput("nosuchsource=size=16x16", verifyExists: false, o => o.ForceFormat("lavfi"))
            .OutputTo(socket, o => o.ForceFormat("rawvideo"))
            .ProcessAsynchronously(throwOnError: true));

        Assert.Contains("nosuchsource", error.Message, StringComparison.Ordinal);
        Assert.False(readerCalled);
        Assert.False(File.Exists(socket.SocketPath));
    }

    [Fact]
    public async Task The_callers_token_stops_a_reader_that_is_still_reading()
    {
        using var cancellation = new CancellationTokenSource();
        long received = 0;
        var socket = new FfmpegSocketOutput(
            async (stream, token) =>
            {
                var buffer = new byte[Width * Height];
                while (await stream.ReadAsync(buffer, token) is > 0 and var read)
                {
                    received += read;
                    await cancellation.CancelAsync();
                }
            },
            cancellationToken: cancellation.Token);

        // An endless source: only the caller's cancellation can end this run.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FFMpegArguments
            .FromFileInput($"testsrc=size={Width}x{Height}:rate=25", verifyExists: false, o => o.ForceFormat("lavfi"))
            .OutputTo(socket, o => o.ForceFormat("rawvideo").WithCustomArgument("-pix_fmt gray"))
            .ProcessAsynchronously(throwOnError: true, cancellationToken: cancellation.Token));

        Assert.True(received > 0);
        Assert.False(File.Exists(socket.SocketPath));
    }
}
