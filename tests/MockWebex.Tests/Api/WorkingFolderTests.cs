using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Api;

/// <summary>The servers a user starts from a shell, started where users start them: in a project folder full of subfolders.</summary>
public sealed class WorkingFolderTests() : TempFolder("workdir-")
{
    private const int Subfolders = 40;

    /// <summary>
    /// ASP.NET's builders reload appsettings.json on change by default, which puts an inotify watch on every folder under
    /// the working directory for the life of the process (in this repository, 7,547 per server) and wakes a thread for
    /// every file written beneath it. No MockWebex server reads its settings again, so none may watch.
    /// </summary>
    [Theory]
    [InlineData("serve", @"listening on http://")]
    [InlineData("relay", @"relay listening on http://")]
    [InlineData("forward", @"inspector: http://")] // two servers: the ingress and the inspector page
    public async Task ServerVerb_StartedInAFolderWithSubfolders_WatchesNoneOfThem(string verb, string readyLine)
    {
        for (var i = 0; i < Subfolders; i++) Directory.CreateDirectory(Path.Combine(Folder, "src", $"module{i}"));
        string[] args = verb switch
        {
            "serve" => ["serve", "--port", "0", "--data", "data/mockwebex.db"],
            "relay" => ["relay", "--host", "127.0.0.1", "--port", "0"],
            _ => ["forward", "--port", "0", "--to", "http://127.0.0.1:9/webhook"],
        };
        await using var server = CliProcess.StartProgram("dotnet", [Repo.MockWebexDll, .. args],
            new Dictionary<string, string> { ["MOCKWEBEX_RELAY_TOKEN"] = TunnelProcesses.Token }, workingDirectory: Folder);
        await server.WaitForOutputAsync(readyLine);

        Assert.Equal(0, InotifyWatches(server.Id));
    }

    /// <summary>The inotify watches a process holds: one "inotify wd:" line per watch in the fdinfo of its inotify descriptors.</summary>
    private static int InotifyWatches(int processId)
    {
        var watches = 0;
        foreach (var fdinfo in Directory.EnumerateFiles($"/proc/{processId}/fdinfo"))
        {
            try
            {
                watches += File.ReadLines(fdinfo).Count(line => line.StartsWith("inotify wd:", StringComparison.Ordinal));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // the descriptor closed while we looked: it held no watch we need to count
            }
        }
        return watches;
    }
}
