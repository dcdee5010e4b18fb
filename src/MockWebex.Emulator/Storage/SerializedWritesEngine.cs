using LiteDB;
using LiteDB.Engine;

namespace MockWebex.Storage;

/// <summary>
/// LiteDB's engine with every write behind one lock. LiteDB 5.0.20 corrupted its free-page list when
/// writes to different collections allocated pages at the same time ("empty page must be defined as
/// empty type", litedb-org/LiteDB#1940): the benchmark hit it with the delivery log, webhook inserts
/// and triggered resources writing together. 5.0.21 passes the regression test without the lock, but
/// the lock stays: an explicit transaction (one per API command, see WebexStore.InTransaction) holds it
/// from BeginTrans to Commit/Rollback, so commands never interleave (the lock is re-entrant).
/// Reads stay concurrent; they allocate nothing.
/// </summary>
public sealed class SerializedWritesEngine(ILiteEngine inner) : ILiteEngine
{
    private readonly Lock _writes = new();

    public IBsonDataReader Query(string collection, Query query) => inner.Query(collection, query);
    public BsonValue Pragma(string name) => inner.Pragma(name);

    public int Insert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) { lock (_writes) return inner.Insert(collection, docs, autoId); }
    public int Update(string collection, IEnumerable<BsonDocument> docs) { lock (_writes) return inner.Update(collection, docs); }
    public int UpdateMany(string collection, BsonExpression transform, BsonExpression predicate) { lock (_writes) return inner.UpdateMany(collection, transform, predicate); }
    public int Upsert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) { lock (_writes) return inner.Upsert(collection, docs, autoId); }
    public int Delete(string collection, IEnumerable<BsonValue> ids) { lock (_writes) return inner.Delete(collection, ids); }
    public int DeleteMany(string collection, BsonExpression predicate) { lock (_writes) return inner.DeleteMany(collection, predicate); }
    public bool DropCollection(string name) { lock (_writes) return inner.DropCollection(name); }
    public bool RenameCollection(string name, string newName) { lock (_writes) return inner.RenameCollection(name, newName); }
    public bool EnsureIndex(string collection, string name, BsonExpression expression, bool unique) { lock (_writes) return inner.EnsureIndex(collection, name, expression, unique); }
    public bool DropIndex(string collection, string name) { lock (_writes) return inner.DropIndex(collection, name); }
    public bool Pragma(string name, BsonValue value) { lock (_writes) return inner.Pragma(name, value); }
    public int Checkpoint() { lock (_writes) return inner.Checkpoint(); }
    public long Rebuild(RebuildOptions options) { lock (_writes) return inner.Rebuild(options); }

    public bool BeginTrans()
    {
        _writes.Enter();
        return inner.BeginTrans();
    }

    public bool Commit()
    {
        try { return inner.Commit(); }
        finally { _writes.Exit(); }
    }

    public bool Rollback()
    {
        try { return inner.Rollback(); }
        finally { _writes.Exit(); }
    }

    public void Dispose()
    {
        lock (_writes) inner.Dispose();
    }
}
