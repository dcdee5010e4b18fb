using MockWebex.Auth;
using MockWebex.Common;

namespace MockWebex.Resources;

/// <summary>/v1/people: the caller (me), and anyone the emulator knows by id, email or display name.</summary>
public static class PeopleApi
{
    /// <summary>Webex accepts at most this many ids in one `id` list.</summary>
    public const int MaxIds = 85;

    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/people").WithTags("People").ProducesWebexErrors(400, 401, 404);
        group.MapGet("/", List).Produces<ItemList<PersonDto>>().WithName("ListPeople").WithSummary("Find people by email, id list or displayName prefix");
        group.MapGet("/me", (HttpContext http, PeopleDirectory people) => TypedResults.Ok(PeopleDirectory.FromIdentity(http.Caller()).ToDto()))
            .WithName("GetMyDetails").WithSummary("The person (or bot) the access token belongs to");
        group.MapGet("/{personId}", (HttpContext http, PeopleDirectory people, string personId) =>
                people.Find(personId) is { } person ? (IResult)TypedResults.Ok(person.ToDto()) : WebexErrors.NotFound(http))
            .Produces<PersonDto>().WithName("GetPerson").WithSummary("Get person details");
        return routes;
    }

    private static IResult List(HttpContext http, PeopleDirectory people, string? email, string? id, string? displayName, string? max, string? cursor)
    {
        if (!Paging.TryParseMax(max, ResourcePaging.MaxPageSize, out var pageSize, out var error)) return WebexErrors.BadRequest(http, error!);
        if (!Paging.TryDecodeCursor(cursor, out var offset)) return WebexErrors.BadRequest(http, $"Invalid value for cursor: '{cursor}'.");
        if (string.IsNullOrEmpty(email) && string.IsNullOrEmpty(id) && string.IsNullOrEmpty(displayName))
            return WebexErrors.BadRequest(http, "Email, displayName, or id list should be specified.");
        var ids = id?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids is { Length: > MaxIds }) return WebexErrors.BadRequest(http, $"At most {MaxIds} ids can be given in one request.");

        IEnumerable<PersonRecord> found = ids is not null
            ? ids.Select(people.Find).OfType<PersonRecord>()
            : !string.IsNullOrEmpty(email) ? people.FindByEmail(email) is { } byEmail ? [byEmail] : []
            : people.WithDisplayNamePrefix(displayName!).OrderBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase);
        var matching = found.Where(p =>
            (string.IsNullOrEmpty(email) || string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrEmpty(displayName) || p.DisplayName.StartsWith(displayName, StringComparison.OrdinalIgnoreCase)));
        return ResourcePaging.PageByOffset(http, matching, pageSize, offset, p => p.ToDto());
    }
}
