using System.Text.RegularExpressions;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Unit;

/// <summary>The rules ARCHITECTURE.md states, checked on the source so a change that breaks one fails here.</summary>
public sealed partial class ArchitectureTests
{
    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(Repo.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    private static IEnumerable<(string File, int Line, string Text)> CodeLines(string file) =>
        File.ReadAllLines(file).Select((text, i) => (file, i + 1, text)).Where(l => !l.text.TrimStart().StartsWith("//", StringComparison.Ordinal));

    [Fact]
    public void NothingOutsideStorage_NamesLiteDbOrItsCollections()
    {
        var storage = Path.Combine("src", "MockWebex.Emulator", "Storage") + Path.DirectorySeparatorChar;
        var offenders = SourceFiles()
            .Where(f => !Path.GetRelativePath(Repo.Root, f).StartsWith(storage, StringComparison.Ordinal))
            .SelectMany(CodeLines)
            .Where(l => LiteDbUse().IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(Repo.Root, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "LiteDB outside Storage/:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void EachFile_DeclaresOneTopLevelType_NamedForIt()
    {
        var offenders = new List<string>();
        foreach (var file in SourceFiles().Where(f => Path.GetFileName(f) != "Program.cs"))
        {
            var types = File.ReadAllLines(file).Select(l => TopLevelType().Match(l)).Where(m => m.Success).Select(m => m.Groups["name"].Value).ToList();
            var expected = Path.GetFileNameWithoutExtension(file);
            if (types.Count != 1 || types[0] != expected)
                offenders.Add($"{Path.GetRelativePath(Repo.Root, file)}: [{string.Join(", ", types)}]");
        }
        Assert.True(offenders.Count == 0, "files that do not hold exactly the type they are named for:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void StorageQueries_PassTheirValuesAsParameters()
    {
        // LiteDB's Query.EQ, Between, In... write the value into the query text, compiled once per distinct text and
        // cached for good: Storage/Filters passes values as parameters instead.
        var offenders = SourceFiles().SelectMany(CodeLines)
            .Where(l => LiteralQuery().IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(Repo.Root, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "queries with values in their text (use Filters):\n" + string.Join("\n", offenders));
    }

    [GeneratedRegex(@"\bQuery\.(EQ|Between|In|GT|GTE|LT|LTE|Not|StartsWith|Contains)\(")]
    private static partial Regex LiteralQuery();

    [GeneratedRegex(@"\bLiteDB\.\w|^using LiteDB|\bILiteCollection\b|\bLiteException\b|\bBsonExpression\b|\bstore\.(Webhooks|Deliveries|People|Rooms|Memberships|Messages|AttachmentActions)\b")]
    private static partial Regex LiteDbUse();

    [GeneratedRegex(@"^(public|internal) (sealed |static |abstract |readonly |partial |record )*(class|record|struct|interface|enum) (?<name>\w+)")]
    private static partial Regex TopLevelType();
}
