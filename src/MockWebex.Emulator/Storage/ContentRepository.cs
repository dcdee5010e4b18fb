using LiteDB;
using MockWebex.Resources;

namespace MockWebex.Storage;

/// <summary>Files sent with messages, in LiteDB's file storage (chunked, so a 100 MB file is not one document).</summary>
public sealed class ContentRepository(WebexStore store)
{
    public void Save(ContentRecord content, Stream data) =>
        store.Contents.Upload(content.Id, content.FileName, data, new BsonDocument
        {
            ["contentType"] = content.ContentType,
            ["roomId"] = content.RoomId,
            ["messageId"] = content.MessageId,
        });

    public ContentRecord? Find(string contentId) =>
        store.Contents.FindById(contentId) is { } file
            ? new ContentRecord(file.Id, file.Filename, file.Metadata["contentType"].AsString, file.Length, file.Metadata["roomId"].AsString, file.Metadata["messageId"].AsString)
            : null;

    public Stream OpenRead(string contentId) => store.Contents.OpenRead(contentId);
}
