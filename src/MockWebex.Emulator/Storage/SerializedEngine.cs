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
/// </summary>
public sealed class SerializedEngine(ILiteEngine inner) : ILiteEngine
{
    private readonly Lock _gate = new();
    private int _openReaders; // changed under _gate only

    public IBsonDataReader Query(string collection, Query query)
    {
        lock (_gate)
        {
            var reader = new Reader(inner.Query(collection, query), this);
            _openReaders++;
            return reader;
        }
    }
    public BsonValue Pragma(string name) { lock (_gate) return inner.Pragma(name); }

    public int Insert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Write(() => inner.Insert(collection, docs, autoId));
    public int Update(string collection, IEnumerable<BsonDocument> docs) => Write(() => inner.Update(collection, docs));
    public int UpdateMany(string collection, BsonExpression transform, BsonExpression predicate) => Write(() => inner.UpdateMany(collection, transform, predicate));
    public int Upsert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Write(() => inner.Upsert(collection, docs, autoId));

    /// <summary>A write under the lock; an index key too long (a value from the request) becomes <see cref="ValueTooLongException"/>.</summary>
    private int Write(Func<int> write)
    {
        lock (_gate)
        {
            try
            {
                return write();
            }
            catch (LiteException e) when (e.ErrorCode == LiteException.INVALID_INDEX_KEY)
            {
                throw new ValueTooLongException(e);
            }
        }
    }
    public int Delete(string collection, IEnumerable<BsonValue> ids) { lock (_gate) return inner.Delete(collection, ids); }
    public int DeleteMany(string collection, BsonExpression predicate) { lock (_gate) return inner.DeleteMany(collection, predicate); }
    public bool DropCollection(string name) { lock (_gate) return inner.DropCollection(name); }
    public bool RenameCollection(string name, string newName) { lock (_gate) return inner.RenameCollection(name, newName); }
    public bool EnsureIndex(string collection, string name, BsonExpression expression, bool unique) { lock (_gate) return inner.EnsureIndex(collection, name, expression, unique); }
    public bool DropIndex(string collection, string name) { lock (_gate) return inner.DropIndex(collection, name); }
    public bool Pragma(string name, BsonValue value) { lock (_gate) return inner.Pragma(name, value); }
    public int Checkpoint() { lock (_gate) return inner.Checkpoint(); }

    /// <summary>
    /// Copies the log into the data file unless a query's reader is still open (LiteDB then holds a read transaction
    /// outside this lock, and its checkpoint would wait for that reader while the reader waits for the lock). With the
    /// lock held and no reader open, no transaction is open, so the copy starts at once. False when it did not run.
    /// </summary>
    public bool TryCheckpoint()
    {
        lock (_gate)
        {
            if (_openReaders > 0) return false;
            inner.Checkpoint();
            return true;
        }
    }
    public long Rebuild(RebuildOptions options) { lock (_gate) return inner.Rebuild(options); }

    public bool BeginTrans()
    {
        _gate.Enter();
        return inner.BeginTrans();
    }

    public bool Commit()
    {
        try { return inner.Commit(); }
        finally { _gate.Exit(); }
    }

    public bool Rollback()
    {
        try { return inner.Rollback(); }
        finally { _gate.Exit(); }
    }

    public void Dispose()
    {
        lock (_gate) inner.Dispose();
    }

    /// <summary>A query's results, each step taken under the engine's lock; open until read to the end or disposed.</summary>
    private sealed class Reader(IBsonDataReader inner, SerializedEngine engine) : IBsonDataReader
    {
        private bool _closed;

        public BsonValue this[string field] => inner[field];
        public string Collection => inner.Collection;
        public BsonValue Current => inner.Current;
        public bool HasValues => inner.HasValues;

        public bool Read()
        {
            lock (engine._gate)
            {
                var more = inner.Read();
                if (!more) Close();
                return more;
            }
        }

        public void Dispose()
        {
            lock (engine._gate)
            {
                inner.Dispose();
                Close();
            }
        }

        private void Close()
        {
            if (_closed) return;
            _closed = true;
            engine._openReaders--;
        }
    }
}
