namespace MockWebex.Common;

/// <summary>
/// .NET reports a write past what the file system or a file-size limit (RLIMIT_FSIZE) allows as ArgumentOutOfRangeException
/// ("Specified file length was too large for the file system"), where a full disk is an IOException. To a writer both
/// mean the same, so the first becomes the second, naming the file.
/// </summary>
public static class FileTooLarge
{
    public static IOException AsIOException(string path, ArgumentOutOfRangeException e) =>
        new($"{path} cannot grow: {e.Message.Split(" (Parameter")[0].TrimEnd('.')}", e);
}
