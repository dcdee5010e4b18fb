using Microsoft.AspNetCore.Http.HttpResults;

namespace MockWebex.Common;

/// <summary>Builds Webex-style error results; the tracking id comes from the request (see TrackingIdMiddleware).</summary>
public static class WebexErrors
{
    public const string Unauthorized = "The request requires a valid access token set in the Authorization request header.";
    public const string BodyMissing = "Required request body is missing";
    public const string Malformed = "The request could not be understood by the server due to malformed syntax.";
    public const string NotFoundMessage = "The requested resource could not be found.";
    public const string Forbidden = "The server understood the request, but refused to fulfill it because the access token is missing required scopes or the user is missing required roles or licenses.";

    public static WebexError Body(HttpContext http, string message) =>
        new(message, [new WebexErrorDetail(message)], TrackingId.Get(http));

    public static JsonHttpResult<WebexError> Status(HttpContext http, int status, string message) =>
        TypedResults.Json(Body(http, message), statusCode: status);

    public static JsonHttpResult<WebexError> BadRequest(HttpContext http, string message) => Status(http, 400, message);
    public static JsonHttpResult<WebexError> NotFound(HttpContext http) => Status(http, 404, NotFoundMessage);

    /// <summary>Documents (for OpenAPI) the Webex error bodies every endpoint of a group can answer.</summary>
    public static RouteGroupBuilder ProducesWebexErrors(this RouteGroupBuilder group, params int[] statuses)
    {
        foreach (var status in statuses) group.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(WebexError), ["application/json"]));
        return group;
    }

    public static string DefaultMessage(int status) => status switch
    {
        400 => Malformed,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFoundMessage,
        405 => "The request was made to a resource using an HTTP request method that is not supported.",
        413 => "The request body is too large.",
        415 => "The request was made using an unsupported media type. Use Content-Type: application/json.",
        429 => "Too many requests have been sent in a given amount of time.",
        _ => "Something went wrong on the server. If the issue persists, feel free to contact the Webex Developer Support team.",
    };
}
