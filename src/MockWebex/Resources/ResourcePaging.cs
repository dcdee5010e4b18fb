using MockWebex.Common;

namespace MockWebex.Resources;

/// <summary>One page of a list ordered by Seq, with Webex's Link header when more follow.</summary>
public static class ResourcePaging
{
    public const int MaxPageSize = 1000;

    public static IResult Page<TRecord, TDto>(HttpContext http, IEnumerable<TRecord> ordered, int pageSize, Func<TRecord, long> seq, Func<TRecord, TDto> toDto)
    {
        var page = ordered.Take(pageSize + 1).ToList();
        if (page.Count > pageSize)
        {
            page.RemoveAt(pageSize);
            Paging.SetNextLink(http, pageSize, "cursor", Paging.EncodeCursor(seq(page[^1])));
        }
        return TypedResults.Ok(new ItemList<TDto>(page.Select(toDto).ToList()));
    }
}
