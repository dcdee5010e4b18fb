using LiteDB;
using LiteDB.Engine;

namespace MockWebex.Storage;

/// <summary>
/// LiteDB's engine with every call behind one lock, reads included. Two LiteDB 5 races made that necessary:
/// <list type="bullet">
/// <item>5.0.20 corrupted its free-page list when writes to different collections allocated pages at the same
/// time ("empty page must be defined as empty type", litedb-org/LiteDB#1940).</item>
/// <item>5.0.21 (the newest 5.x) can recycle a cached page while a concurrent reader has looked it up but not
/// yet pinned it (litedb-org/LiteDB#2817): "share counter must be > 0 in Release()" and similar, after which the
/// engine closes itself and every later call fails. The benchmark's soak hit it after ≈30 minutes, with the
/// retention pass reading while triggers wrote.</item>
/// </list>
/// An explicit transaction (one per API command, see WebexStore.InTransaction) holds the lock from BeginTrans to
/// Commit/Rollback, so commands never interleave (the lock is re-entrant). A query's reader takes the lock for
/// each step, not for its lifetime: a page the reader holds between steps is pinned, so the cache cannot recycle
/// it, and a reader enumerated lazily (across awaits, on another thread) never holds the lock while it waits.
/// When the file fails under LiteDB (a full disk) the engine is given up and opened again at the next call
/// (<see cref="IsStorageFailure"/>), so the emulator answers 503 while it cannot write and goes on once it can.
/// </summary>
public sealed class SerializedEngine : ILiteEngine
{
    private readonly Lock _gate = new();
    private readonly string _file;
    private readonly Func<ILiteEngine> _open;
    private readonly Action<StorageUnavailableException>? _failed;
    private readonly Action? _recovered;
    private ILiteEngine _inner; // replaced, under _gate, when a failure to read or write the file made it unusable
    private StorageUnavailableException? _failure; // why the engine in _inner was given up; null while it works
    private StorageUnavailableException? _outage; // the first failure since a checkpoint last copied pages: what /healthz reports
    private int _generation; // counts the engines opened: a reader of an earlier one neither reads nor counts any more
    private int _openReaders; // readers of the current engine; changed under _gate only

    /// <param name="file">The data file, for messages.</param>
    /// <param name="open">Opens the engine on the file; called again to reopen it after a failure (<see cref="IsStorageFailure"/>).</param>
    /// <param name="failed">Hears the first failure of an outage (not one per request).</param>
    /// <param name="recovered">Hears the end of an outage (see <see cref="Failure"/>).</param>
    public SerializedEngine(string file, Func<ILiteEngine> open, Action<StorageUnavailableException>? failed = null, Action? recovered = null)
    {
        _file = file;
        _open = open;
        _failed = failed;
        _recovered = recovered;
        _inner = open();
    }

    /// <summary>
    /// Why using the file failed, until a checkpoint copies pages into the data file again; null while it works. A commit
    /// alone does not end an outage: it writes the log only, which may have room where the data file has none.
    /// </summary>
    public StorageUnavailableException? Failure => _outage;

    /// <summary>
    /// LiteDB's engine cannot go on after it failed to write or read its file (a full disk, a file-size limit, an I/O
    /// error): it closes itself or keeps pages in a state it then refuses ("page must be writable"), and every later call
    /// fails. Such a failure gives the engine up: the call and those after it get <see cref="StorageUnavailableException"/>
    /// (503) until a call reopens the file, which LiteDB recovers from its log (a transaction that did not commit is not
    /// in it). So a full disk costs the requests made while it is full, and nothing once there is room again.
    /// </summary>
    public static bool IsStorageFailure(Exception e) => e is IOException or UnauthorizedAccessException
        || e is LiteException { ErrorCode: LiteException.INVALID_DATAFILE_STATE or LiteException.ENGINE_DISPOSED or LiteException.DATABASE_SHUTDOWN or LiteException.LOCK_TIMEOUT };

    /// <summary>The engine, reopened first if the last one was given up. Under <see cref="_gate"/>.</summary>
    private ILiteEngine Inner
    {
        get
        {
            if (_failure is null) return _inner;
            try
            {
                _inner.Dispose();
            }
            catch (Exception)
            {
                // It failed already; closing it may fail too. The file is opened again below either way.
            }
            try
            {
                _inner = _open();
            }
            catch (Exception e) when (IsStorageFailure(e))
            {
                throw _failure = Unavailable(e);
            }
            _failure = null;
            _generation++;
            _openReaders = 0;
            return _inner;
        }
    }

    /// <summary>Runs a call on the engine under the lock, giving the engine up when the file failed under it.</summary>
    private T Run<T>(Func<ILiteEngine, T> call)
    {
        lock (_gate)
        {
            try
            {
                return call(Inner);
            }
            catch (Exception e) when (IsStorageFailure(e))
            {
                throw GiveUp(e);
            }
        }
    }

    private StorageUnavailableException GiveUp(Exception e)
    {
        _failure = Unavailable(e);
        if (_outage is null) _failed?.Invoke(_outage = _failure);
        return _failure;
    }

    /// <summary>A checkpoint copied pages into the data file: both files took writes, so an outage is over.</summary>
    private int Copied(int pages)
    {
        if (pages > 0 && _outage is not null)
        {
            _outage = null;
            _recovered?.Invoke();
        }
        return pages;
    }

    private StorageUnavailableException Unavailable(Exception e) =>
        new($"cannot use the data file {_file}: {e.Message.TrimEnd('.', ' ')}. Nothing of this request was stored; the next request tries the file again", e);

    public IBsonDataReader Query(string collection, Query query) => Run(engine =>
    {
        var reader = new Reader(engine.Query(collection, query), this, _generation);
        _openReaders++;
        return (IBsonDataReader)reader;
    });
    public BsonValue Pragma(string name) => Run(engine => engine.Pragma(name));

    public int Insert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Write(engine => engine.Insert(collection, docs, autoId));
    public int Update(string collection, IEnumerable<BsonDocument> docs) => Write(engine => engine.Update(collection, docs));
    public int UpdateMany(string collection, BsonExpression transform, BsonExpression predicate) => Write(engine => engine.UpdateMany(collection, transform, predicate));
    public int Upsert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Write(engine => engine.Upsert(collection, docs, autoId));

    /// <summary>A write under the lock; an index key too long (a value from the request) becomes <see cref="ValueTooLongException"/>.</summary>
    private int Write(Func<ILiteEngine, int> write) => Run(engine =>
    {
        try
        {
            return write(engine);
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INVALID_INDEX_KEY)
        {
            throw new ValueTooLongException(e);
        }
    });
    public int Delete(string collection, IEnumerable<BsonValue> ids) => Run(engine => engine.Delete(collection, ids));
    public int DeleteMany(string collection, BsonExpression predicate) => Run(engine => engine.DeleteMany(collection, predicate));
    public bool DropCollection(string name) => Run(engine => engine.DropCollection(name));
    public bool RenameCollection(string name, string newName) => Run(engine => engine.RenameCollection(name, newName));
    public bool EnsureIndex(string collection, string name, BsonExpression expression, bool unique) => Run(engine => engine.EnsureIndex(collection, name, expression, unique));
    public bool DropIndex(string collection, string name) => Run(engine => engine.DropIndex(collection, name));
    public bool Pragma(string name, BsonValue value) => Run(engine => engine.Pragma(name, value));
    public int Checkpoint() => Run(engine => Copied(engine.Checkpoint()));

    /// <summary>
    /// Copies the log into the data file unless a query's reader is still open (LiteDB then holds a read transaction
    /// outside this lock, and its checkpoint would wait for that reader while the reader waits for the lock). With the
    /// lock held and no reader open, no transaction is open, so the copy starts at once. False when it did not run.
    /// </summary>
    public bool TryCheckpoint() => Run(engine =>
    {
        if (_openReaders > 0) return false;
        Copied(engine.Checkpoint());
        return true;
    });
    public long Rebuild(RebuildOptions options) => Run(engine => engine.Rebuild(options));

    /// <summary>Takes the lock until <see cref="Commit"/> or <see cref="Rollback"/>, which release it whatever happens.</summary>
    public bool BeginTrans()
    {
        _gate.Enter();
        try
        {
            return Inner.BeginTrans();
        }
        catch (Exception e)
        {
            _gate.Exit();
            if (IsStorageFailure(e)) throw GiveUp(e);
            throw;
        }
    }

    /// <summary>Commits and releases the lock. A commit that fails is rolled back (LiteDB leaves it open otherwise).</summary>
    public bool Commit()
    {
        try
        {
            return _inner.Commit();
        }
        catch (Exception e)
        {
            if (IsStorageFailure(e)) throw GiveUp(e);
            try
            {
                _inner.Rollback();
            }
            catch (Exception)
            {
                // The commit's own failure is the one to report.
            }
            throw;
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>Rolls back and releases the lock; an engine given up has nothing left to roll back.</summary>
    public bool Rollback()
    {
        try
        {
            return _failure is null && _inner.Rollback();
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            GiveUp(e);
            return false;
        }
        finally
        {
            _gate.Exit();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            try
            {
                _inner.Dispose();
            }
            catch (Exception e) when (_failure is not null || IsStorageFailure(e))
            {
                // Closing a file that failed: what was committed is in its log already.
            }
        }
    }

    /// <summary>
    /// A query's results, each step taken under the engine's lock; open until read to the end or disposed. A reader of an
    /// engine given up and reopened since fails: its pages belong to the engine that is gone.
    /// </summary>
    private sealed class Reader(IBsonDataReader inner, SerializedEngine engine, int generation) : IBsonDataReader
    {
        private bool _closed;

        public BsonValue this[string field] => inner[field];
        public string Collection => inner.Collection;
        public BsonValue Current => inner.Current;
        public bool HasValues => inner.HasValues;

        public bool Read() => engine.Run(_ =>
        {
            if (generation != engine._generation || engine._failure is not null)
                throw engine._failure ?? engine.Unavailable(new IOException("it was opened again while this query read it"));
            var more = inner.Read();
            if (!more) Close();
            return more;
        });

        public void Dispose()
        {
            lock (engine._gate)
            {
                try
                {
                    inner.Dispose();
                }
                catch (Exception e) when (IsStorageFailure(e))
                {
                    // Its engine failed or is gone: there is nothing left to release.
                }
                Close();
            }
        }

        private void Close()
        {
            if (_closed) return;
            _closed = true;
            if (generation == engine._generation) engine._openReaders--;
        }
    }
}
