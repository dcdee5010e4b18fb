using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

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

    /// <summary>Asserts a 200 and returns the body.</summary>
    public static async Task<JsonObject> OkAsync(this Task<WebexAnswer> call)
    {
        var answer = await call;
        Assert.True(answer.Status == HttpStatusCode.OK, $"expected 200, got {(int)answer.Status}: {answer.Body?.ToJsonString()}");
        return answer.Body!;
    }
}
