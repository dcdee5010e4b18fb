using System.Text;
using System.Text.Json;
using MockWebex.Common;

namespace MockWebex.Tunnel;

/// <summary>
/// `relay --when-offline queue`: deliveries that arrive while no client holds their channel are written
/// to disk (one file each, flushed before Webex gets its 200) and sent in arrival order once a client
/// attaches. While any are waiting, new deliveries queue behind them, so order holds. Bounded per
/// channel: past the limit the relay answers 503 again and Webex counts a failure.
/// </summary>
public sealed class OfflineQueue(string root, int limit)
{
    private readonly Dictionary<string, ChannelQueue> _channels = new(StringComparer.Ordinal);

    public int Limit => limit;

    /// <summary>Deliveries waiting (or being sent) for the channel.</summary>
    public int Pending(string channel)
    {
        lock (_channels) return Queue(channel).Waiting.Count;
    }

    /// <summary>Stores the delivery durably; false when the channel's queue is full.</summary>
    public async Task<bool> TryEnqueueAsync(string channel, QueuedRequest request, CancellationToken ct)
    {
        string path;
        long seq;
        lock (_channels)
        {
            var queue = Queue(channel);
            if (queue.Waiting.Count >= limit) return false;
            seq = ++queue.LastSeq;
            queue.Waiting.Add(seq);
            path = queue.PathOf(seq);
        }
        var temp = path + ".tmp";
        try
        {
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await JsonSerializer.SerializeAsync(file, request, cancellationToken: ct);
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
            return true;
        }
        catch (Exception e)
        {
            // Its number must not stay waiting without a file: the drain stops at the first file it cannot find (taking it
            // for one still being written), so every delivery queued after it waited for good.
            lock (_channels) Queue(channel).Waiting.Remove(seq);
            File.Delete(temp);
            // A full disk or a file-size limit (.NET reports the latter as ArgumentOutOfRangeException).
            if (e is ArgumentOutOfRangeException tooLarge) throw FileTooLarge.AsIOException(temp, tooLarge);
            throw;
        }
    }

    /// <summary>
    /// Sends the channel's waiting deliveries oldest first until the queue is empty or a send fails
    /// (the client went away: the rest wait for the next one). One drain per channel at a time.
    /// </summary>
    /// <param name="sent">Called once a delivery has left the queue for good (its file is gone).</param>
    public async Task DrainAsync(string channel, Func<QueuedRequest, Task<bool>> send, Func<QueuedRequest, Task> sent)
    {
        ChannelQueue queue;
        lock (_channels)
        {
            queue = Queue(channel);
            if (queue.Draining) return;
            queue.Draining = true;
        }
        try
        {
            while (true)
            {
                long seq;
                lock (_channels)
                {
                    if (queue.Waiting.Count == 0) return;
                    seq = queue.Waiting.Min;
                }
                var path = queue.PathOf(seq);
                QueuedRequest? request;
                try
                {
                    request = JsonSerializer.Deserialize<QueuedRequest>(await File.ReadAllBytesAsync(path));
                }
                catch (FileNotFoundException)
                {
                    return; // still being written: the next attach or enqueue kick picks it up
                }
                if (request is not null && !await send(request)) return;
                File.Delete(path);
                lock (_channels) queue.Waiting.Remove(seq);
                if (request is not null) await sent(request);
            }
        }
        finally
        {
            lock (_channels) queue.Draining = false;
        }
    }

    private ChannelQueue Queue(string channel)
    {
        if (_channels.TryGetValue(channel, out var queue)) return queue;
        // The channel name is hex-encoded into the folder name: any channel is a safe path.
        var folder = Path.Combine(root, Convert.ToHexString(Encoding.UTF8.GetBytes(channel)));
        Directory.CreateDirectory(folder);
        queue = new ChannelQueue(folder);
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
            if (long.TryParse(Path.GetFileNameWithoutExtension(file), out var seq)) queue.Waiting.Add(seq);
        queue.LastSeq = queue.Waiting.Count == 0 ? 0 : queue.Waiting.Max;
        return _channels[channel] = queue;
    }

    private sealed class ChannelQueue(string folder)
    {
        public SortedSet<long> Waiting { get; } = [];
        public long LastSeq { get; set; }
        public bool Draining { get; set; }
        public string PathOf(long seq) => Path.Combine(folder, $"{seq:D12}.json");
    }
}
