using LiteDB;
using LiteDB.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MockWebex.Resources;

namespace MockWebex.Storage;

/// <summary>
/// The only place that touches LiteDB. One LiteDatabase per file per process: a second instance
/// writing the same file corrupts it, so this is a singleton. The file opens on a background thread
/// (the largest part of start-up, profiled) so Kestrel and the first request's set-up run meanwhile;
/// the first use of a collection waits for it, and <see cref="Ready"/> says when it is open.
/// </summary>
public sealed class WebexStore : IDisposable
{
    private readonly Task<OpenedStore> _opening;
    private readonly ThreadLocal<Command?> _command = new();

    public WebexStore(IOptions<StorageOptions> options, ILogger<WebexStore>? logger = null)
    {
        var settings = options.Value;
        FullPath = settings.Path == ":memory:" ? settings.Path : Path.GetFullPath(settings.Path);
        // Once per failure, not per request: the requests themselves answer 503 with the reason.
        void Failed(StorageUnavailableException e) => logger?.LogError("{Reason}. Requests that need it answer 503 until it takes writes again.", e.Message);
        void Recovered() => logger?.LogInformation("The data file {Path} takes writes again.", FullPath);
        _opening = Task.Run(() =>
        {
            try
            {
                return OpenedStore.Open(settings, Failed, Recovered);
            }
            // ArgumentException: LiteDB reading a header it cannot make sense of (a LiteDB file damaged after its first bytes).
            catch (Exception e) when (e is IOException or LiteException or UnauthorizedAccessException or ArgumentException)
            {
                throw new StorageUnavailableException($"cannot open the data file {FullPath}: {e.Message.TrimEnd('.')}", e);
            }
        });
    }

    /// <summary>The data file (a relative path is taken from the current directory), or ":memory:".</summary>
    public string FullPath { get; }

    /// <summary>Completes when the file is open; faults with the reason when it cannot be opened.</summary>
    public Task Ready => _opening;

    private OpenedStore Db => _opening.GetAwaiter().GetResult();

    /// <summary>
    /// Null when the file works. After a failure to write or read it (a full disk): tries it again, with a command that
    /// stores and deletes a page-sized document and a checkpoint that copies it into the data file, and returns why it
    /// still fails, or null when both files took the writes. For /healthz.
    /// </summary>
    public StorageUnavailableException? CheckAfterFailure()
    {
        if (Db.Engine.Failure is null) return null;
        try
        {
            var probe = Db.Database.GetCollection("storageProbe");
            InTransaction(() =>
            {
                probe.Insert(new BsonDocument { ["_id"] = 1, ["fill"] = new string('x', 7000) });
                return probe.Delete(1);
            });
            // Not while a query's reader is open: LiteDB's checkpoint would wait for it while it waits for the store's lock
            // (see SerializedEngine.TryCheckpoint). Then the outage stands until the next probe or background copy.
            Db.Engine.TryCheckpoint();
        }
        catch (StorageUnavailableException e)
        {
            return e;
        }
        return Db.Engine.Failure;
    }

    /// <summary>Webhooks of every user, keyed by their creation order (Seq).</summary>
    internal ILiteCollection<WebhookRecord> Webhooks => Db.Webhooks;

    /// <summary>The outbox and delivery log in one: pending ones are still to send, the rest are history.</summary>
    internal ILiteCollection<DeliveryRecord> Deliveries => Db.Deliveries;

    internal ILiteCollection<PersonRecord> People => Db.People;
    internal ILiteCollection<RoomRecord> Rooms => Db.Rooms;
    internal ILiteCollection<MembershipRecord> Memberships => Db.Memberships;
    internal ILiteCollection<MessageRecord> Messages => Db.Messages;
    internal ILiteCollection<AttachmentActionRecord> AttachmentActions => Db.AttachmentActions;
    internal ILiteCollection<TeamRecord> Teams => Db.Teams;
    internal ILiteCollection<TeamMembershipRecord> TeamMemberships => Db.TeamMemberships;

    /// <summary>Files sent with messages (chunked file storage).</summary>
    internal ILiteStorage<string> Contents => Db.Contents;

    /// <summary>
    /// Runs a command's writes as one transaction: all of them are stored, or none. An API call stores its
    /// resource and the pending deliveries of the events it causes together, so a crash never leaves one
    /// without the other. It holds the store's lock throughout (see <see cref="SerializedEngine"/>),
    /// so other writers wait and a read-modify-write inside cannot lose a concurrent update; readers wait between
    /// their steps. Called inside another command on the same thread, it joins that one. <paramref name="work"/>
    /// must not await: LiteDB's transactions belong to a thread.
    /// </summary>
    public T InTransaction<T>(Func<T> work)
    {
        if (_command.Value is not null) return work();
        var db = Db.Database;
        var command = new Command();
        db.BeginTrans();
        _command.Value = command;
        T result;
        try
        {
            result = work();
        }
        catch
        {
            db.Rollback();
            throw;
        }
        finally
        {
            _command.Value = null;
        }
        // Releases the store whatever happens; a commit that fails is rolled back there (a full disk: StorageUnavailableException).
        db.Commit();
        foreach (var action in command.AfterCommit) action();
        return result;
    }

    /// <summary>Runs <paramref name="action"/> once the command this thread is in has committed (never if it rolls back), or now outside one.</summary>
    public void AfterCommit(Action action)
    {
        if (_command.Value is { } command) command.AfterCommit.Add(action);
        else action();
    }

    private sealed class Command
    {
        public List<Action> AfterCommit { get; } = [];
    }

    /// <summary>Inserts a membership; false when one with its id (the same person in the same room) is already stored.</summary>
    public bool TryInsertMembership(MembershipRecord membership)
    {
        try
        {
            Memberships.Insert(membership);
            return true;
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return false;
        }
    }

    public long NextWebhookSeq() => Db.WebhookSeq.Next();

    public long NextResourceSeq() => Db.ResourceSeq.Next();

    /// <summary>The last number the resource counter handed out.</summary>
    public long CurrentResourceSeq => Db.ResourceSeq.Current;

    /// <summary>Raised after <see cref="Reset"/>: what is held in memory from the file is stale.</summary>
    public event Action? Cleared;

    private long _resets;

    /// <summary>How many times <see cref="Reset"/> has run: a position on the resource counter noted before it moved is void.</summary>
    public long Resets => Interlocked.Read(ref _resets);

    /// <summary>Drops every collection's documents (the /_emulator/reset verb).</summary>
    public void Reset()
    {
        Webhooks.DeleteAll();
        Deliveries.DeleteAll();
        People.DeleteAll();
        Rooms.DeleteAll();
        Memberships.DeleteAll();
        Messages.DeleteAll();
        AttachmentActions.DeleteAll();
        Teams.DeleteAll();
        TeamMemberships.DeleteAll();
        foreach (var file in Contents.FindAll().ToList()) Contents.Delete(file.Id);
        // The counters go on: a create under way when the reset came may still insert what it numbered before it, and a
        // counter that started again gave the next create the same number (a duplicate key: POST /v1/webhooks answered
        // 500 while resets ran between creates).
        Interlocked.Increment(ref _resets);
        Cleared?.Invoke();
    }

    public void Dispose()
    {
        try
        {
            _opening.Wait();
        }
        catch (AggregateException)
        {
            return; // never opened: nothing to close
        }
        _opening.Result.Dispose();
        _command.Dispose();
    }

    /// <summary>The open database, its collections and sequence counters.</summary>
    private sealed class OpenedStore : IDisposable
    {
        private readonly List<Stream> _streams;
        private readonly string? _logFile;
        private readonly BackgroundCheckpoint _checkpoint;

        private OpenedStore(StorageOptions options, List<Stream> streams, Action<StorageUnavailableException> failed, Action recovered)
        {
            _streams = streams;
            _checkpoint = new BackgroundCheckpoint(options.CheckpointPages);
            var path = options.Path;
            if (path != ":memory:")
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(path));
                if (folder is not null) Directory.CreateDirectory(folder);
            }
            // Strings are stored exactly as sent: LiteDB's defaults trim them and turn "" into null, so a
            // title with a trailing space or a message ending in a newline came back changed after a read.
            // Files written with the old defaults open unchanged; their strings were already trimmed.
            var mapper = new BsonMapper { TrimWhitespace = false, EmptyStringToNull = false };
            mapper.Entity<WebhookRecord>().Ignore(w => w.IsActive).Ignore(w => w.IsOrgWide);
            mapper.Entity<AttemptRecord>().Ignore(a => a.Succeeded);
            // Resources are keyed by a 16-character digest of their Webex id (≈ 76 characters, a membership's ≈ 110): LiteDB
            // reads and compares the key of every _id index node an insert or a lookup passes (see OrderKeys.Key).
            mapper.Entity<RoomRecord>().Id(r => r.Key, autoId: false);
            mapper.Entity<MembershipRecord>().Id(m => m.Key, autoId: false);
            mapper.Entity<MessageRecord>().Id(m => m.Key, autoId: false);
            mapper.Entity<PersonRecord>().Id(p => p.Key, autoId: false);
            // Ordinal string comparison: Webex ids are long base64 strings with a common prefix, and the
            // default culture-aware, case-insensitive collation made index upkeep the top cost of a
            // triggered batch (profiled). It applies to files created from now on; older files keep theirs.
            var collation = new Collation(System.Globalization.CultureInfo.InvariantCulture.LCID, System.Globalization.CompareOptions.Ordinal);
            if (path != ":memory:" && !options.FlushToDisk) _logFile = LogFile(path);
            var memory = path == ":memory:" ? new MemoryStream() : null;
            // Opened again after a failure to write or read the file (see SerializedEngine): new streams on the same files.
            ILiteEngine OpenEngine()
            {
                foreach (var stream in _streams) stream.Dispose();
                _streams.Clear();
                return new LiteEngine(memory is not null ? new EngineSettings { DataStream = memory, Collation = collation }
                    : _logFile is null ? new EngineSettings { Filename = path, Collation = collation }
                    // Same data and log file names LiteDB itself uses, so either setting opens the other's files.
                    : new EngineSettings { DataStream = Own(new OsCachedFileStream(path)), LogStream = Own(new OsCachedFileStream(_logFile, _checkpoint.LogLengthIs)), Collation = collation });
            }
            var engine = new SerializedEngine(path == ":memory:" ? path : Path.GetFullPath(path), OpenEngine, failed, recovered);
            Engine = engine;
            Database = new LiteDatabase(engine, mapper);

            // Webhooks are read from memory (WebhookService), so they need no index beyond _id: each one
            // made every insert slower (profiled).
            Webhooks = Database.GetCollection<WebhookRecord>("webhooks");

            Deliveries = Database.GetCollection<DeliveryRecord>("deliveries");
            // No secondary indexes on the log: keeping WebhookId and Status up to date on every insert and result cost
            // ≈15 % of fan-out (measured); its reads walk the newest ids with a filter, and retention bounds the log.
            Deliveries.DropIndex("WebhookId");
            Deliveries.DropIndex("Status");

            People = Database.GetCollection<PersonRecord>("people");
            People.EnsureIndex(p => p.EmailKey);
            // Built once when a file made before it is opened.
            People.EnsureIndex("DisplayName", PersonRepository.DisplayNameKey);
            Rooms = Database.GetCollection<RoomRecord>("rooms");
            Memberships = Database.GetCollection<MembershipRecord>("memberships");
            Messages = Database.GetCollection<MessageRecord>("messages");
            // First: the typed reads of the other upgrades find documents by their digest key.
            if (Database.UserVersion < DigestDocumentKeysVersion) KeyResourcesByDigest();
            if (Database.UserVersion < DigestOrderKeysVersion) WriteOrderKeys();
            if (Database.UserVersion < WebhooksBySeqVersion) KeyWebhooksBySeq();
            if (Database.UserVersion < DigestDocumentKeysVersion) Database.UserVersion = DigestDocumentKeysVersion;
            WebhookSeq = new Sequence(LastSeq(Webhooks, "_id", w => w.Seq));
            // Composite keys (OrderKeys): a page of a room's messages, of a person's memberships, one membership, the 1:1
            // room of two people — each read through one index range, so its cost does not grow with the file.
            Rooms.EnsureIndex(r => r.DirectPair);
            Memberships.EnsureIndex(m => m.PersonOrder);
            Memberships.EnsureIndex(m => m.RoomPerson);
            Messages.EnsureIndex(m => m.RoomOrder);
            Messages.EnsureIndex(m => m.Seq, unique: true);
            // Retention reads each kind oldest first through Seq (growing, so the index only appends); without the
            // index each of its parts scanned the whole collection.
            Rooms.EnsureIndex(r => r.Seq);
            // Two orders of /v1/rooms?sortBy=: a page walks one of these from its cursor (Conversations.SortedRoomsOf). Not
            // sortBy=id: ids are random, so each new room lands at a random place in such an index. It cost more than these
            // two together: a triggered event that makes a room took 1.06–1.22 ms at p50 with all three, 1.02–1.05 with
            // these two and 0.91–0.96 with none (scripts/bench.sh latency, alternating runs).
            Rooms.EnsureIndex(r => r.ActivityOrder);
            Rooms.EnsureIndex(r => r.CreatedOrder);
            if (Database.UserVersion < SortedRoomsVersion)
            {
                // Rooms written before have no sort keys: each room written again stores them (they follow from its fields).
                Rewrite(Rooms, r => r.Key, _ => { });
                Database.UserVersion = SortedRoomsVersion;
            }
            Memberships.EnsureIndex(m => m.Seq);
            People.EnsureIndex(p => p.Seq);
            AttachmentActions = Database.GetCollection<AttachmentActionRecord>("attachmentActions");
            Teams = Database.GetCollection<TeamRecord>("teams");
            TeamMemberships = Database.GetCollection<TeamMembershipRecord>("teamMemberships");
            TeamMemberships.EnsureIndex(m => m.TeamId);
            TeamMemberships.EnsureIndex(m => m.PersonId);
            Contents = Database.GetStorage<string>("contents", "contentChunks");
            // Rooms, memberships, messages and people share one counter: it only has to grow (lists page on it, retention cuts on it).
            ResourceSeq = new Sequence(new[]
            {
                LastSeq(Rooms, "$.Seq", r => r.Seq),
                LastSeq(Memberships, "$.Seq", m => m.Seq),
                LastSeq(Messages, "$.Seq", m => m.Seq),
                LastSeq(People, "$.Seq", p => p.Seq),
            }.Max());
            if (_logFile is not null)
            {
                // From now on the log is copied into the file by BackgroundCheckpoint, not inside a commit (LiteDB's pragma,
                // kept in the file's header: set back to LiteDB's default on close).
                Database.Pragma("CHECKPOINT", 0);
                _checkpoint.Start(() => engine.TryCheckpoint());
            }
        }

        public LiteDatabase Database { get; }
        public SerializedEngine Engine { get; }
        public ILiteCollection<WebhookRecord> Webhooks { get; }
        public ILiteCollection<DeliveryRecord> Deliveries { get; }
        public ILiteCollection<PersonRecord> People { get; }
        public ILiteCollection<RoomRecord> Rooms { get; }
        public ILiteCollection<MembershipRecord> Memberships { get; }
        public ILiteCollection<MessageRecord> Messages { get; }
        public ILiteCollection<AttachmentActionRecord> AttachmentActions { get; }
        public ILiteCollection<TeamRecord> Teams { get; }
        public ILiteCollection<TeamMembershipRecord> TeamMemberships { get; }
        public ILiteStorage<string> Contents { get; }
        public Sequence WebhookSeq { get; }
        public Sequence ResourceSeq { get; }

        // UserVersion 1 marked order keys made of whole ids; such files now go straight to DigestOrderKeysVersion.

        /// <summary>The file's UserVersion once webhooks are keyed by Seq instead of their Webex id.</summary>
        private const int WebhooksBySeqVersion = 2;

        /// <summary>The file's UserVersion once its order keys are made of id digests (see <see cref="OrderKeys"/>).</summary>
        private const int DigestOrderKeysVersion = 3;

        /// <summary>The file's UserVersion once rooms, memberships, messages and people are keyed by a digest of their id (<see cref="OrderKeys.Key"/>).</summary>
        private const int DigestDocumentKeysVersion = 4;

        /// <summary>The file's UserVersion once its rooms hold the keys of the sorted lists (<see cref="RoomRecord.ActivityOrder"/>, <see cref="RoomRecord.CreatedOrder"/>).</summary>
        private const int SortedRoomsVersion = 5;

        /// <summary>
        /// Rooms, memberships, messages and people written before were keyed by their whole Webex id: re-keyed by its digest
        /// once, the id kept as a field. A part at a time (each its own transaction); a crash part-way is finished at the next
        /// start, which finds the documents still without the id field.
        /// </summary>
        private void KeyResourcesByDigest()
        {
            const int Part = 5_000;
            foreach (var name in new[] { "rooms", "memberships", "messages", "people" })
            {
                var collection = Database.GetCollection(name);
                // Only the keys are read first: re-keying changes the _id index a reader would be walking.
                var stale = collection.Query().Where("$.Id = null").Select("{ key: $._id }").ToEnumerable().Select(d => d["key"]).ToList();
                foreach (var part in stale.Chunk(Part))
                {
                    Database.BeginTrans();
                    foreach (var id in part)
                    {
                        var document = collection.FindById(id);
                        collection.Delete(id);
                        document["Id"] = id;
                        document["_id"] = OrderKeys.Key(id.AsString);
                        collection.Insert(document);
                    }
                    Database.Commit();
                }
            }
        }

        /// <summary>Webhooks written before were keyed by their Webex id: re-keyed by Seq once, the id kept as a field.</summary>
        private void KeyWebhooksBySeq()
        {
            var webhooks = Database.GetCollection("webhooks");
            var old = webhooks.Find(Query.All()).Where(d => d["_id"].IsString).ToList();
            Database.BeginTrans(); // all or nothing: a crash part-way must not lose a webhook
            foreach (var document in old)
            {
                webhooks.Delete(document["_id"]);
                document["Id"] = document["_id"];
                document["_id"] = document["Seq"];
                document.Remove("Seq");
                webhooks.Insert(document);
            }
            Database.Commit();
            Database.UserVersion = WebhooksBySeqVersion;
        }

        /// <summary>
        /// Files written before the order keys, or with keys of whole ids, get them (again) once: a new file has nothing
        /// to fill. The oldest files also lose the single-field indexes the keys replace. Safe to run twice: a crash part-way
        /// leaves the version unchanged, so the next start writes every key again.
        /// </summary>
        private void WriteOrderKeys()
        {
            Rewrite(Messages, m => m.Key, m => m.RoomOrder = OrderKeys.Of(m.RoomId, m.Seq));
            Rewrite(Memberships, m => m.Key, m =>
            {
                m.PersonOrder = OrderKeys.Of(m.PersonId, m.Seq);
                m.RoomPerson = OrderKeys.Of(m.RoomId, m.PersonId);
            });
            Memberships.EnsureIndex(m => m.RoomPerson);
            var direct = Rooms.Find(r => r.Type == "direct").ToList();
            foreach (var room in direct)
            {
                var (first, last) = OrderKeys.RangeOf(room.Id);
                if (Memberships.Find(Filters.Between(nameof(MembershipRecord.RoomPerson), first, last)).Select(m => m.PersonId).ToList() is [var a, var b])
                    room.DirectPair = OrderKeys.Pair(a, b);
            }
            Rooms.Update(direct);
            Memberships.DropIndex("RoomId");
            Memberships.DropIndex("PersonId");
            Messages.DropIndex("RoomId");
        }

        /// <summary>
        /// The highest Seq of a collection, 0 when it is empty: the last entry of the index on <paramref name="indexed"/>.
        /// Counting the documents first, so that LiteDB's Max did not fail on an empty collection, read every document key:
        /// ≈ 220 ms a collection at 100k documents, 1.57–1.86 s to start `serve` on such a file against 0.93–1.02 s at 1k.
        /// </summary>
        private static long LastSeq<T>(ILiteCollection<T> collection, string indexed, Func<T, long> seqOf) =>
            collection.Query().OrderByDescending(indexed).Limit(1).FirstOrDefault() is { } last ? seqOf(last) : 0;

        /// <summary>Updates every document, a chunk at a time in _id order (a range seek each, so a large file is read once).</summary>
        private static void Rewrite<T>(ILiteCollection<T> collection, Func<T, string> keyOf, Action<T> change)
        {
            const int Chunk = 5_000;
            BsonValue after = BsonValue.MinValue;
            while (collection.Find(Filters.Greater("_id", after), 0, Chunk).ToList() is { Count: > 0 } chunk)
            {
                chunk.ForEach(change);
                collection.Update(chunk);
                after = keyOf(chunk[^1]);
            }
        }

        public static OpenedStore Open(StorageOptions options, Action<StorageUnavailableException> failed, Action recovered)
        {
            if (options.Path != ":memory:") RefuseOtherFiles(options.Path);
            var streams = new List<Stream>();
            try
            {
                return new OpenedStore(options, streams, failed, recovered);
            }
            catch
            {
                // A failed open leaves no file handle behind, so the next attempt can open the file.
                foreach (var stream in streams) stream.Dispose();
                throw;
            }
        }

        /// <summary>
        /// A file that is neither empty nor a LiteDB file is refused: LiteDB takes it for a new database and writes over it
        /// (`serve --data README.md` cut a README to its first 72 KiB, and a 5-byte file became a database).
        /// </summary>
        private static void RefuseOtherFiles(string path)
        {
            if (Directory.Exists(path)) throw new IOException($"it is a folder. Give --data a file path, such as {Path.Combine(path, "mockwebex.db")}");
            // /dev/null reads as an empty file that takes every write: LiteDB starts a database on it and fails at its first read.
            if (Path.GetFullPath(path).StartsWith("/dev/", StringComparison.Ordinal)) throw new IOException("it is a device, not a file. --data :memory: keeps nothing");
            var file = new FileInfo(path);
            if (!file.Exists || file.Length == 0) return;
            // LiteDB 5's header page: its signature at byte 32 and the file format (8) at byte 59.
            Span<byte> header = stackalloc byte[60];
            using (var stream = file.OpenRead())
            {
                if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length
                    && header[32..59].SequenceEqual("** This is a LiteDB file **"u8) && header[59] == 8) return;
            }
            throw new IOException("it is not a MockWebex data file (LiteDB 5), so the emulator leaves it alone. Give --data a new path or an existing mockwebex.db");
        }

        public void Dispose()
        {
            _checkpoint.Dispose();
            try
            {
                if (_logFile is not null) Database.Pragma("CHECKPOINT", BackgroundCheckpoint.LiteDbDefaultPages);
            }
            catch (StorageUnavailableException)
            {
                // A file that cannot be written keeps the pragma; the next open sets it again.
            }
            Database.Dispose();
            foreach (var stream in _streams) stream.Dispose(); // LiteDB leaves streams it was given open
            // LiteDB empties the log into the data file on close; like LiteDB with a file name, leave no empty log behind.
            if (_logFile is not null && new FileInfo(_logFile) is { Exists: true, Length: 0 }) File.Delete(_logFile);
        }

        private Stream Own(Stream stream)
        {
            _streams.Add(stream);
            return stream;
        }
    }

    /// <summary>LiteDB's write-ahead log next to the data file: data.db → data-log.db.</summary>
    private static string LogFile(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));

    private sealed class Sequence(long start)
    {
        private long _value = start;
        public long Next() => Interlocked.Increment(ref _value);
        public long Current => Interlocked.Read(ref _value);
    }
}
