using System.Globalization;
using System.Net.Sockets;
using FFMpegCore;
using FFMpegCore.Arguments;

namespace LiveWatch.Sdk.Media;

/// <summary>
/// An ffmpeg output written to a Unix socket we listen on (<c>unix:PATH</c>) and read to its end, whatever the
/// child's lifetime.
/// </summary>
/// <remarks>
/// FFMpegCore's pipe sinks cancel their reader the moment ffmpeg exits, so a short job whose output still sits in the
/// socket buffer comes back empty or cut short with exit code 0 (seen under load as "ffmpeg produced 0 bytes").
/// Here the reader stops only at end of stream, or on the caller's token. Use it with
/// <see cref="FFMpegArguments.OutputTo(IOutputArgument, Action{FFMpegOutputOptions}?)"/>.
/// </remarks>
public sealed class FfmpegSocketOutput : IOutputArgument
{
    private readonly Func<Stream, CancellationToken, Task> _read;
    private readonly CancellationToken _cancellationToken;
    private readonly string _path;
    private readonly string? _ownedDirectory;
    private Socket? _listener;
    private volatile bool _listenerClosed;

    /// <param name="read">Reads the output; it sees end of stream when ffmpeg closes the output.</param>
    /// <param name="socketPath">Where to listen; by default in a private temporary folder removed afterwards.</param>
    /// <param name="cancellationToken">The caller's token, the only one that interrupts <paramref name="read"/>.</param>
    public FfmpegSocketOutput(Func<Stream, CancellationToken, Task> read, string? socketPath = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        _read = read;
        _cancellationToken = cancellationToken;
        if (socketPath is null)
        {
            // CreateTempSubdirectory makes the folder 0700: no other local user can connect or read.
            _ownedDirectory = Directory.CreateTempSubdirectory("livewatch-ffmpeg-").FullName;
            socketPath = Path.Combine(_ownedDirectory, "output.sock");
        }

        _path = socketPath;
    }

    /// <summary>The socket's path.</summary>
    public string SocketPath => _path;

    /// <inheritdoc />
    public string Text => string.Create(CultureInfo.InvariantCulture, $"\"unix:{_path}\"");

    /// <inheritdoc />
    public void Pre(FFOptions options)
    {
        File.Delete(_path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(_path));
            listener.Listen(1);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
    }

    /// <inheritdoc />
    /// <param name="cancellationToken">FFMpegCore's token, cancelled when ffmpeg exits or is stopped.</param>
    public async Task During(CancellationToken cancellationToken = default)
    {
        var listener = _listener ?? throw new InvalidOperationException("Pre was not called.");
        Socket connection;
        using (cancellationToken.Register(() => StopWaitingUnlessConnected(listener)))
        {
            try
            {
                connection = await listener.AcceptAsync(_cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (_listenerClosed && e is SocketException or ObjectDisposedException)
            {
                return; // ffmpeg exited without opening its output: its exit code and stderr tell why
            }
        }

        using (connection)
        {
            var stream = new NetworkStream(connection, ownsSocket: false);
            await using (stream.ConfigureAwait(false))
            {
                await _read(stream, _cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public void Post()
    {
        _listener?.Dispose();
        _listener = null;
        try
        {
            File.Delete(_path);
            if (_ownedDirectory is not null)
            {
                Directory.Delete(_ownedDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover socket file in the temp folder is harmless; failing the decode for it would not be.
        }
    }

    private void StopWaitingUnlessConnected(Socket listener)
    {
        // ffmpeg has exited. A connection it made is either accepted already or still queued on the listener
        // (readable); only when neither is true will no connection ever come, and the wait must end.
        try
        {
            if (listener.Poll(0, SelectMode.SelectRead))
            {
                return;
            }
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        _listenerClosed = true;
        listener.Dispose();
    }
}
