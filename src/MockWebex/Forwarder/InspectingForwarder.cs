using System.Diagnostics;
using System.Text;
using MockWebex.Delivery;
using Yarp.ReverseProxy.Forwarder;

namespace MockWebex.Forwarder;

/// <summary>
/// `mockwebex forward`: a YARP forwarder to the developer's app that shows each delivery
/// (time, resource.event, status, latency), checks X-Spark-Signature when given the secret, and
/// records deliveries to a JSONL file. Bytes are relayed untouched (HttpTransformer.Empty), so
/// signatures still verify at the app. `listen` runs the same forwarder behind the tunnel.
/// </summary>
public static class InspectingForwarder
{
    public static WebApplication Build(InspectOptions options, string urls, TextWriter console)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders();
        builder.Services.AddHttpForwarder();
        var feed = new RelayFeed();
        builder.Services.AddSingleton(feed);
        var app = builder.Build();
        var capture = options.RecordPath is null ? null : new CaptureFile(options.RecordPath);

        app.Use(async (http, next) =>
        {
            http.Request.EnableBuffering();
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            http.Request.Body.Position = 0;
            var body = buffer.ToArray();

            bool? valid = null;
            if (options.Secret is not null)
            {
                var sent = http.Request.Headers[WebhookSigner.Header].ToString();
                valid = sent.Length > 0 && string.Equals(sent, WebhookSigner.Sign(options.Secret, body), StringComparison.OrdinalIgnoreCase);
            }
            var started = Stopwatch.GetTimestamp();
            if (valid == false && options.RejectBadSignatures)
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await http.Response.WriteAsync("X-Spark-Signature does not match the secret", http.RequestAborted);
            }
            else
            {
                await next(http);
            }

            var record = new CapturedDelivery(DateTimeOffset.UtcNow, http.Request.Method, http.Request.Path + http.Request.QueryString,
                http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                Encoding.UTF8.GetString(body), http.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, valid);
            feed.Add(record);
            if (!options.Quiet)
            {
                var signature = valid switch { true => "signature ok", false => "SIGNATURE MISMATCH", null => "" };
                await console.WriteLineAsync($"{record.Time:HH:mm:ss.fff}  {record.EventName,-30} {record.Status}  {record.LatencyMs,7:0.0} ms  {signature}");
            }
            if (capture is not null) await capture.AppendAsync(record);
        });

        var invoker = new HttpMessageInvoker(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(10) });
        app.Map("/{**catch-all}", async (HttpContext http, IHttpForwarder forwarder) =>
        {
            var error = await forwarder.SendAsync(http, options.ForwardTo, invoker, ForwarderRequestConfig.Empty, HttpTransformer.Empty);
            if (error != ForwarderError.None && !http.Response.HasStarted) http.Response.StatusCode = StatusCodes.Status502BadGateway;
        });
        app.MapGet("/_relay/deliveries", () => TypedResults.Ok(feed.Recent()));
        // The feed page: same look as the dashboard, served from the files shipped next to the binary.
        var web = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        app.MapGet("/_relay/", () => Results.File(Path.Combine(web, "relay", "index.html"), "text/html; charset=utf-8"));
        app.MapGet("/_relay/relay.js", () => Results.File(Path.Combine(web, "relay", "relay.js"), "text/javascript"));
        app.MapGet("/_relay/dashboard.css", () => Results.File(Path.Combine(web, "dashboard", "dashboard.css"), "text/css"));
        return app;
    }

    public static RelayFeed Feed(this WebApplication app) => app.Services.GetRequiredService<RelayFeed>();
}

/// <summary>The last relayed deliveries, for tests and the local feed endpoint.</summary>
public sealed class RelayFeed
{
    private readonly Queue<CapturedDelivery> _recent = new();

    public void Add(CapturedDelivery delivery)
    {
        lock (_recent)
        {
            _recent.Enqueue(delivery);
            while (_recent.Count > 200) _recent.Dequeue();
        }
    }

    public IReadOnlyList<CapturedDelivery> Recent()
    {
        lock (_recent) return _recent.Reverse().ToList();
    }
}
