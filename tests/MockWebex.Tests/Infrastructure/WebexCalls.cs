using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MockWebex.Tests.Infrastructure;

/// <summary>A status and (when there is one) the JSON body of an emulated Webex API answer.</summary>
public sealed record WebexAnswer(HttpStatusCode Status, JsonObject? Body, HttpResponseMessage Response)
{
    public string Message => Body?["message"]?.ToString() ?? "";
    public JsonArray Items => Body!["items"]!.AsArray();
    public string this[string field] => Body![field]!.ToString();
}

public static class WebexCalls
{
    public static Task<WebexAnswer> GetWebexAsync(this HttpClient client, string url) => SendAsync(client, HttpMethod.Get, url, null);
    public static Task<WebexAnswer> PostWebexAsync(this HttpClient client, string url, object body) => SendAsync(client, HttpMethod.Post, url, body);
    public static Task<WebexAnswer> PutWebexAsync(this HttpClient client, string url, object body) => SendAsync(client, HttpMethod.Put, url, body);
    public static Task<WebexAnswer> DeleteWebexAsync(this HttpClient client, string url) => SendAsync(client, HttpMethod.Delete, url, null);

    public static async Task<WebexAnswer> SendAsync(HttpClient client, HttpMethod method, string url, object? body)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = body is string raw ? HttpJson.Json(raw) : JsonContent.Create(body);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new WebexAnswer(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject, response);
    }

    /// <summary>A list's pages, each page's Link rel="next" followed (at most <paramref name="maxPages"/>).</summary>
    public static async IAsyncEnumerable<WebexAnswer> PagesAsync(this HttpClient client, string url, int maxPages = 100)
    {
        for (var pages = 0; pages < maxPages; pages++)
        {
            var page = await client.GetWebexAsync(url);
            yield return page;
            if (NextLink(page.Response) is not { } next) yield break;
            url = new Uri(next).PathAndQuery;
        }
    }

    /// <summary>The URL of a list's next page (its Link rel="next" header), null on the last.</summary>
    public static string? NextLink(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var links) && Regex.Match(links.Single(), "<([^>]+)>;\\s*rel=\"next\"") is { Success: true } next
            ? next.Groups[1].Value : null;

    /// <summary>Asserts a 200 and returns the body.</summary>
    public static async Task<JsonObject> OkAsync(this Task<WebexAnswer> call)
    {
        var answer = await call;
        Assert.True(answer.Status == HttpStatusCode.OK, $"expected 200, got {(int)answer.Status}: {answer.Body?.ToJsonString()}");
        return answer.Body!;
    }
}
