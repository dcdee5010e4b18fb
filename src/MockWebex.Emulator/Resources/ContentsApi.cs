using Microsoft.AspNetCore.Http.Extensions;
using MockWebex.Auth;
using MockWebex.Common;

namespace MockWebex.Resources;

/// <summary>
/// /v1/contents/{id}: the files sent with messages, for whoever may read the message (bearer auth like the rest
/// of /v1). GET answers the bytes with Content-Type and Content-Disposition naming the file; HEAD the same headers,
/// which is how bots learn a file's name and type before downloading it.
/// </summary>
public static class ContentsApi
{
    public static IEndpointRouteBuilder MapContentsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/contents").WithTags("Contents").ProducesWebexErrors(401, 404);
        group.MapGet("/{contentId}", Get).WithName("GetContent").WithSummary("Download a file sent with a message");
        group.MapMethods("/{contentId}", [HttpMethods.Head], Get).WithName("GetContentHeaders")
            .WithSummary("A file's name, type and size (Content-Disposition, Content-Type, Content-Length) without its bytes");
        return routes;
    }

    /// <summary>Where this server serves files, as the client reached it (behind a proxy or the tunnel too).</summary>
    public static string BaseUrl(HttpRequest request) => UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, "/v1/contents/");

    private static IResult Get(HttpContext http, MessageService messages, string contentId)
    {
        if (messages.ReadableContent(http.Caller(), contentId) is not { } content) return WebexErrors.NotFound(http);
        return TypedResults.Stream(messages.OpenContent(content.Id), content.ContentType, content.FileName);
    }
}
