namespace MockWebex.Resources;

/// <summary>A file part of a multipart POST /v1/messages: its name, type and bytes (opened when stored).</summary>
public sealed record UploadedFile(string FileName, string ContentType, long Length, Func<Stream> OpenRead);
