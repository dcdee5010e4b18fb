using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MockWebex.Tests.Infrastructure;

namespace MockWebex.Tests.Delivery;

/// <summary>A `serve` process whose data file cannot grow, as on a full disk (<see cref="CliProcess.StartWithFileSizeLimit"/>).</summary>
public sealed class FullDiskTests
{
    [Fact]
    public async Task DataFileFull_Requests503WithWebexBody_NothingLost_WorksAgainOnceItCanGrow()
    {
        using var folder = new TempFolder("full-disk");
        var data = Path.Combine(folder.Folder, "data.db");
        List<string> stored = [];
        await using (var serve = CliProcess.StartWithFileSizeLimit(4096, null, "serve", "--port", "0", "--data", data))
        {
            using var client = new HttpClient { BaseAddress = new Uri(await serve.WaitForUrlAsync()), Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new("Bearer", "alice-token");
            var room = (await (await client.PostAsJsonAsync("/v1/rooms", new { title = "fills the disk" })).ReadObjectAsync())["id"]!.ToString();

            // 4 MiB a file: about 500 messages of 5 KB fit (the first 503 came after 502 here).
            var text = new string('x', 5000);
            HttpResponseMessage? refused = null;
            for (var i = 0; i < 2000 && refused is null; i++)
            {
                var response = await client.PostAsJsonAsync("/v1/messages", new { roomId = room, text });
                if (response.StatusCode == HttpStatusCode.OK) stored.Add((await response.ReadObjectAsync())["id"]!.ToString());
                else refused = response;
            }
            Assert.NotNull(refused);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            var error = await refused.ReadObjectAsync();
            Assert.Contains($"cannot use the data file {data}", error["message"]!.ToString());
            Assert.Contains("Nothing of this request was stored", error["message"]!.ToString());
            Assert.Equal(error["message"]!.ToString(), error["errors"]![0]!["description"]!.ToString());
            Assert.False(string.IsNullOrEmpty(error["trackingId"]?.ToString()));
            Assert.True(stored.Count > 100, $"only {stored.Count} messages were stored before the first 503");

            // While the file cannot grow: a write is answered 503 or, where LiteDB's log still has room, stored (never a 500
            // or a hang); reads still answer; /healthz says so (its probe must copy the log into the data file).
            for (var i = 0; i < 5; i++)
            {
                var more = await client.PostAsJsonAsync("/v1/messages", new { roomId = room, text });
                Assert.True(more.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"answered {(int)more.StatusCode}");
                if (more.StatusCode == HttpStatusCode.OK) stored.Add((await more.ReadObjectAsync())["id"]!.ToString());
            }
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/messages/{stored[^1]}")).StatusCode);
            var health = await client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains($"cannot use the data file {data}", (await health.ReadObjectAsync())["reason"]!.ToString());
            var (healthExit, healthOutput) = await CliProcess.RunAsync("health", "--server", client.BaseAddress!.ToString());
            Assert.Equal(1, healthExit);
            Assert.Contains(": 503 (cannot use the data file", healthOutput);

            // Room again: no restart needed.
            var (exit, output) = await CliProcess.RunProgramAsync("prlimit", ["--pid", serve.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--fsize=unlimited"]);
            Assert.True(exit == 0, output);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
            var after = await client.PostAsJsonAsync("/v1/messages", new { roomId = room, text = "after" });
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
            stored.Add((await after.ReadObjectAsync())["id"]!.ToString());
            Assert.Contains("takes writes again", serve.Output);
        } // SIGKILL: what was answered 200 must be in the file, and nothing that was refused.

        await using var again = CliProcess.Start("serve", "--port", "0", "--data", data);
        using var reader = new HttpClient { BaseAddress = new Uri(await again.WaitForUrlAsync()) };
        reader.DefaultRequestHeaders.Authorization = new("Bearer", "alice-token");
        var rooms = await reader.GetFromJsonAsync<JsonObject>("/v1/rooms");
        var roomId = rooms!["items"]![0]!["id"]!.ToString();
        List<string> listed = [];
        for (var url = $"/v1/messages?roomId={roomId}&max=1000"; ;)
        {
            var page = await reader.GetAsync(url);
            listed.AddRange((await page.ReadObjectAsync())["items"]!.AsArray().Select(m => m!["id"]!.ToString()));
            if (page.Headers.TryGetValues("Link", out var links) && links.First() is var link && link.Contains("rel=\"next\""))
                url = new Uri(link[(link.IndexOf('<') + 1)..link.IndexOf('>')]).PathAndQuery;
            else break;
        }
        Assert.Equal(stored.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }
}
