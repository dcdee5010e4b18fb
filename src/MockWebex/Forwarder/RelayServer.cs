using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Yarp.ReverseProxy.Forwarder;
using MockWebex.Common;

namespace MockWebex.Forwarder;

/// <summary>
/// `mockwebex relay`: the public side of the tunnel. Webex posts to /hooks/{channel}/...; the request
/// is forwarded by YARP's IHttpForwarder over an HTTP/1.1 connection whose transport is a WebSocket the
/// `listen` client dialled out (SocketsHttpHandler.ConnectCallback hands out those streams). No client
/// attached → 503, so Webex counts a failed attempt. Clients must present the relay token.
/// </summary>
public static class RelayServer
{
    public static WebApplication Build(string token, string urls, TimeSpan? keepAlive = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders();
        builder.Services.AddHttpForwarder();
        builder.Services.AddSingleton<TunnelRegistry>();
        var app = builder.Build();
        var interval = keepAlive ?? TimeSpan.FromSeconds(15);
        // Keep-alive frames stop proxies and NATs from dropping idle tunnels. No ping timeout: an idle
        // tunnel has no pending read on this side to see the pong; a dead client is noticed when its
        // TCP connection closes (RequestAborted) or when the stream fails on first use (→ 502).
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = interval });

        app.MapGet("/healthz", () => TypedResults.Ok(HealthStatus.Ok));
        app.Map("/tunnel/{channel}", async (HttpContext http, string channel, TunnelRegistry registry) =>
        {
            if (!TokenMatches(http, token)) { http.Response.StatusCode = StatusCodes.Status401Unauthorized; return; }
            if (!http.WebSockets.IsWebSocketRequest) { http.Response.StatusCode = StatusCodes.Status400BadRequest; return; }
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            var lease = registry.Attach(channel, socket);
            // Hold the WebSocket open until the HTTP connection on it ends or the client goes away.
            await Task.WhenAny(lease.Finished, Task.Delay(Timeout.Infinite, http.RequestAborted));
            lease.Finish();
        });

        var invokers = new ConcurrentDictionary<string, HttpMessageInvoker>(StringComparer.Ordinal);
        app.Map("/hooks/{channel}/{**rest}", async (HttpContext http, string channel, string? rest, TunnelRegistry registry, IHttpForwarder forwarder) =>
        {
            if (!registry.HasClients(channel))
            {
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await http.Response.WriteAsync($"no tunnel client is attached to channel '{channel}'");
                return;
            }
            var invoker = invokers.GetOrAdd(channel, c => new HttpMessageInvoker(new SocketsHttpHandler
            {
                UseProxy = false,
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
                ConnectCallback = (context, ct) => registry.TakeAsync(c, TimeSpan.FromSeconds(5), ct),
            }));
            http.Request.Path = "/" + rest;
            var error = await forwarder.SendAsync(http, "http://tunnel", invoker, ForwarderRequestConfig.Empty, HttpTransformer.Empty);
            if (error != ForwarderError.None && !http.Response.HasStarted) http.Response.StatusCode = StatusCodes.Status502BadGateway;
        });
        return app;
    }

    private static bool TokenMatches(HttpContext http, string token)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
        return given.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(token));
    }
}
