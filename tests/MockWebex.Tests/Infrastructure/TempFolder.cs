namespace MockWebex.Tests.Infrastructure;

/// <summary>A temp folder for one test class instance; Dispose deletes it with everything in it.</summary>
public class TempFolder(string prefix) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory(prefix);

    public string Folder => _folder.FullName;

    public void Dispose()
    {
        _folder.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }
}
