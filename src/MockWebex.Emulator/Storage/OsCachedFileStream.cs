using MockWebex.Common;

namespace MockWebex.Storage;

/// <summary>
/// A file stream whose Flush hands writes to the operating system without waiting for the disk.
/// LiteDB fsyncs every commit when it is given a FileStream (≈20 ms each on the benchmark disk, which
/// capped POST /v1/webhooks near 800/s); through this wrapper a commit survives a crash or kill -9 of
/// the emulator (the OS still writes it) but not a power cut. Storage:FlushToDisk=true restores fsync.
/// <paramref name="written"/> hears where each write ended: for the log, which LiteDB only appends to, its length
/// (see <see cref="BackgroundCheckpoint"/>). A write past what the file system or a file-size limit allows fails as the
/// <see cref="IOException"/> a full disk gives (.NET reports it as ArgumentOutOfRangeException), so the store treats both
/// alike (see <see cref="SerializedEngine.IsStorageFailure"/>).
/// </summary>
public sealed class OsCachedFileStream(string path, Action<long>? written = null) : Stream
{
    private readonly FileStream _file = new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 8192, FileOptions.RandomAccess);

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => true;
    public override long Length => _file.Length;

    public override long Position
    {
        get => _file.Position;
        set => _file.Position = value;
    }

    public override void Flush() => _file.Flush(flushToDisk: false);
    public override int Read(byte[] buffer, int offset, int count) => _file.Read(buffer, offset, count);
    public override int Read(Span<byte> buffer) => _file.Read(buffer);
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            _file.Write(buffer);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw FileTooLarge.AsIOException(_file.Name, e);
        }
        written?.Invoke(_file.Position);
    }
    public override long Seek(long offset, SeekOrigin origin) => _file.Seek(offset, origin);

    public override void SetLength(long value)
    {
        try
        {
            _file.SetLength(value);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw FileTooLarge.AsIOException(_file.Name, e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _file.Dispose();
        base.Dispose(disposing);
    }
}
