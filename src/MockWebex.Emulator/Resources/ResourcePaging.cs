using MockWebex.Common;

namespace MockWebex.Resources;

/// <summary>One page of a list ordered by Seq, with Webex's Link header when more follow.</summary>
public static class ResourcePaging
{
    public const int MaxPageSize = 1000;

    public static IResult Page<TRecord, TDto>(HttpContext http, IEnumerable<TRecord> ordered, int pageSize, Func<TRecord, long> seq, Func<TRecord, TDto> toDto)
    {
        var page = Paging.Take(ordered, pageSize, out var more);
        if (more) Paging.SetNextLink(http, pageSize, "cursor", Paging.EncodeCursor(seq(page[^1])));
        return TypedResults.Ok(new ItemList<TDto>(page.Select(toDto).ToList()));
    }

    /// <summary>One page of a small list computed whole (a sorted or searched one): the cursor is the next page's offset.</summary>
    public static IResult PageByOffset<TRecord, TDto>(HttpContext http, IEnumerable<TRecord> ordered, int pageSize, long offset, Func<TRecord, TDto> toDto)
    {
        var page = Paging.Take(ordered.Skip((int)Math.Min(offset, int.MaxValue)), pageSize, out var more);
        if (more) Paging.SetNextLink(http, pageSize, "cursor", Paging.EncodeCursor(offset + pageSize));
        return TypedResults.Ok(new ItemList<TDto>(page.Select(toDto).ToList()));
    }
}
