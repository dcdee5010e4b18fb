namespace MockWebex.Tests.Infrastructure;

/// <summary>A LiteDB file name in the temp folder for one test; Dispose deletes the file and its write-ahead log.</summary>
public sealed class TempDataFile(string prefix) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.db");

    /// <summary>Where LiteDB keeps the log while the file is open (data.db → data-log.db).</summary>
    public string LogPath => System.IO.Path.ChangeExtension(Path, null) + "-log.db";

    public void Dispose()
    {
        File.Delete(Path);
        File.Delete(LogPath);
    }
}
