using System.Collections.Concurrent;
using System.Net.WebSockets;

namespace MockWebex.Forwarder;

/// <summary>
/// The relay's view of attached tunnel clients: per channel, a pool of idle WebSocket streams. Each
/// stream carries one HTTP/1.1 connection from the relay's HttpClient to the client, which splices
/// it to the developer's app. Dead or closed streams are dropped when they are next looked at.
/// </summary>
public sealed class TunnelRegistry
{
    private readonly ConcurrentDictionary<string, ChannelPool> _channels = new(StringComparer.Ordinal);

    public TunnelLease Attach(string channel, WebSocket socket)
    {
        var pool = _channels.GetOrAdd(channel, _ => new ChannelPool());
        var lease = new TunnelLease(socket, WebSocketStream.Create(socket, WebSocketMessageType.Binary, ownsWebSocket: false));
        lock (pool) pool.Idle.Enqueue(lease);
        pool.Available.Release();
        return lease;
    }

    /// <summary>True when at least one live client socket (idle or busy) is attached to the channel.</summary>
    public bool HasClients(string channel) =>
        _channels.TryGetValue(channel, out var pool) && pool.Live() > 0;

    /// <summary>Takes an idle stream for a new connection, waiting a little when all are busy.</summary>
    public async ValueTask<Stream> TakeAsync(string channel, TimeSpan wait, CancellationToken ct)
    {
        var pool = _channels.GetOrAdd(channel, _ => new ChannelPool());
        var deadline = DateTime.UtcNow + wait;
        while (await pool.Available.WaitAsync(Remaining(deadline), ct))
        {
            TunnelLease? lease;
            lock (pool) pool.Idle.TryDequeue(out lease);
            if (lease is not null && lease.IsOpen)
            {
                lock (pool) pool.Busy.Add(lease);
                return lease.Stream;
            }
        }
        throw new IOException($"no idle tunnel connection for channel '{channel}'");
    }

    private static TimeSpan Remaining(DateTime deadline) => deadline > DateTime.UtcNow ? deadline - DateTime.UtcNow : TimeSpan.Zero;

    private sealed class ChannelPool
    {
        public Queue<TunnelLease> Idle { get; } = new();
        public HashSet<TunnelLease> Busy { get; } = [];
        public SemaphoreSlim Available { get; } = new(0);

        public int Live()
        {
            lock (this)
            {
                Busy.RemoveWhere(l => !l.IsOpen);
                return Idle.Count(l => l.IsOpen) + Busy.Count;
            }
        }
    }
}

/// <summary>One attached WebSocket; the relay's endpoint handler awaits <see cref="Finished"/> before returning.</summary>
public sealed class TunnelLease
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly WebSocket _socket;

    public TunnelLease(WebSocket socket, Stream stream)
    {
        _socket = socket;
        Stream = new LeaseStream(stream, Finish);
    }

    public Stream Stream { get; }
    public bool IsOpen => _socket.State == WebSocketState.Open && !_finished.Task.IsCompleted;
    public Task Finished => _finished.Task;
    public void Finish() => _finished.TrySetResult();

    /// <summary>Signals the lease when the HTTP connection pool disposes the stream.</summary>
    private sealed class LeaseStream(Stream inner, Action onDispose) : Stream
    {
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => false;
        public override bool CanWrite => inner.CanWrite;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken ct) => inner.FlushAsync(ct);
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => inner.ReadAsync(buffer, ct);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => inner.ReadAsync(buffer, offset, count, ct);
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) => inner.WriteAsync(buffer, ct);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => inner.WriteAsync(buffer, offset, count, ct);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) onDispose();
            base.Dispose(disposing);
        }
    }
}
