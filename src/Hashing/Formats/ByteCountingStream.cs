namespace LiveWatch.Hashing.Formats;

/// <summary>
/// A read-only view of a stream that counts the bytes read through it, so progress can be reported for streams
/// that cannot tell their position (pipes, network). Disposing it leaves the inner stream open.
/// </summary>
internal sealed class ByteCountingStream : Stream
{
    private readonly Stream _inner;

    public ByteCountingStream(Stream inner)
    {
        _inner = inner;
    }

    public long BytesRead { get; private set; }

    public override bool CanRead => _inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(_inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(_inner.Read(buffer));

    public override int ReadByte()
    {
        var value = _inner.ReadByte();
        if (value >= 0)
        {
            BytesRead++;
        }

        return value;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        BytesRead += read;
        return read;
    }
}
