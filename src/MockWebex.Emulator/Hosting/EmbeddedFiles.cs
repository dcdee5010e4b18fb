using Microsoft.Extensions.FileProviders;

namespace MockWebex;

/// <summary>Files built into this assembly (see the csproj): the dashboard and the default fixtures.</summary>
public static class EmbeddedFiles
{
    public static IFileProvider WebRoot { get; } = new ManifestEmbeddedFileProvider(typeof(EmbeddedFiles).Assembly, "wwwroot");

    public static IFileProvider Fixtures { get; } = new ManifestEmbeddedFileProvider(typeof(EmbeddedFiles).Assembly, "fixtures");
}
