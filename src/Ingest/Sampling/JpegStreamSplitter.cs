namespace LiveWatch.Ingest.Sampling;

/// <summary>
/// Cuts ffmpeg's image2pipe MJPEG byte stream into whole JPEGs by walking the markers (SOI, segments with lengths,
/// entropy-coded data up to EOI), not by searching for FFD9, which may occur inside an APP segment. Reads the size
/// from the frame header on the way.
/// </summary>
internal sealed class JpegStreamSplitter
{
    /// <summary>Larger pictures are not previews: refuse rather than buffer without bound.</summary>
    public const int MaxJpegBytes = 8 << 20;

    private readonly Stream _input;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public JpegStreamSplitter(Stream input) => _input = input;

    /// <summary>The next JPEG with its size, or null at the end of the stream.</summary>
    /// <exception cref="InvalidDataException">The stream is not a sequence of JPEGs.</exception>
    public async Task<(byte[] Jpeg, int Width, int Height)?> ReadAsync(CancellationToken cancellationToken)
    {
        using var jpeg = new MemoryStream();
        int width = 0, height = 0;
        if (await NextByteAsync(jpeg, cancellationToken).ConfigureAwait(false) is not 0xFF || await NextByteAsync(jpeg, cancellationToken).ConfigureAwait(false) is not 0xD8)
        {
            return jpeg.Length == 0 ? null : throw new InvalidDataException("Preview stream is not at a JPEG start.");
        }

        var inScan = false;
        while (true)
        {
            var b = await NextByteAsync(jpeg, cancellationToken).ConfigureAwait(false) ?? throw new EndOfStreamException("Preview stream ended inside a JPEG.");
            if (b != 0xFF)
            {
                if (!inScan)
                {
                    throw new InvalidDataException("Preview stream has data outside a segment.");
                }

                continue;
            }

            int marker;
            do
            {
                marker = await NextByteAsync(jpeg, cancellationToken).ConfigureAwait(false) ?? throw new EndOfStreamException("Preview stream ended inside a JPEG.");
            }
            while (marker == 0xFF);

            if (inScan && (marker == 0x00 || marker is >= 0xD0 and <= 0xD7))
            {
                continue; // stuffed byte or restart marker inside entropy-coded data
            }

            if (marker == 0xD9)
            {
                return (jpeg.ToArray(), width, height);
            }

            var high = await NextByteAsync(jpeg, cancellationToken).ConfigureAwait(false) ?? throw new EndOfStreamException();
            var low = await NextByteAsync(jpeg, cancellationToken).ConfigureAwait(false) ?? throw new EndOfStreamException();
            var length = (high << 8) | low;
            if (length < 2)
            {
                throw new InvalidDataException("Preview JPEG has a bad segment length.");
            }

            var segment = new byte[length - 2];
            for (var i = 0; i < segment.Length; i++)
            {
                segment[i] = (byte)(await NextByteAsync(jpeg, cancellationToken).ConfigureAwait(false) ?? throw new EndOfStreamException());
            }

            if (marker is 0xC0 or 0xC1 or 0xC2 && segment.Length >= 5)
            {
                height = (segment[1] << 8) | segment[2];
                width = (segment[3] << 8) | segment[4];
            }

            inScan = marker == 0xDA;
        }
    }

    private async ValueTask<int?> NextByteAsync(MemoryStream sink, CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = 0;
            _end = await _input.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
            if (_end == 0)
            {
                return null;
            }
        }

        if (sink.Length >= MaxJpegBytes)
        {
            throw new InvalidDataException($"Preview JPEG exceeds {MaxJpegBytes} bytes.");
        }

        var value = _buffer[_start++];
        sink.WriteByte(value);
        return value;
    }
}
