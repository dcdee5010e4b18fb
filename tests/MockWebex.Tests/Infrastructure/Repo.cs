namespace MockWebex.Tests.Infrastructure;

/// <summary>Paths inside the repository, found from the test binary's location.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release, whichever built this test assembly.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    public static string MockWebexDll { get; } = Path.Combine(Root, "src", "MockWebex", "bin", Configuration, "net10.0", "mockwebex.dll");

    public static string Fixtures { get; } = Path.Combine(Root, "fixtures");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MockWebex.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("MockWebex.sln not found above " + AppContext.BaseDirectory);
    }
}
