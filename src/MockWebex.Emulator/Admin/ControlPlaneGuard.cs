using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MockWebex.Auth;
using MockWebex.Common;
using MockWebex.Hosting;

namespace MockWebex.Admin;

/// <summary>
/// Safe by default for a tool that sits on laptops and CI runners:
/// every request must name a loopback host, the bound address or a configured one (a DNS-rebinding page
/// names its own); control-plane requests (/_emulator, the dashboard) from another web origin are refused,
/// and control-plane writes must be JSON (a cross-site "simple" POST cannot be); with an admin token set,
/// /_emulator needs it; control-plane bodies are size-limited and must be strict JSON. Refusals are
/// problem details that say what to configure.
/// </summary>
public sealed class ControlPlaneGuard(RequestDelegate next, IOptions<AdminOptions> admin, IOptions<ServerOptions> server)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var options = admin.Value;
        var request = http.Request;
        if (!HostAllowed(request.Host.Host, options, server.Value))
        {
            await RefuseAsync(http, 403, $"Host '{request.Host.Host}' is not this emulator's: requests must name localhost, 127.0.0.1 or the bound address. "
                + "Allow it with Admin:AllowedHosts (MOCKWEBEX__Admin__AllowedHosts__0).");
            return;
        }
        if (!IsControlPlane(request.Path))
        {
            await next(http);
            return;
        }
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !OriginAllowed(origin, request, options))
        {
            await RefuseAsync(http, 403, $"Cross-origin request refused: Origin {origin} is not this emulator's. Allow it with Admin:AllowedOrigins.");
            return;
        }
        var api = request.Path.StartsWithSegments("/_emulator");
        if (api && options.Token is { Length: > 0 } token && !TokenMatches(request, token))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"mockwebex-admin\"";
            await RefuseAsync(http, 401, "The control plane needs the admin token: Authorization: Bearer <Admin:Token>.");
            return;
        }
        if (api && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method))
        {
            if (!JsonRequest.IsJsonContentType(request.ContentType))
            {
                await RefuseAsync(http, 415, "Control-plane writes must be sent as Content-Type: application/json (even with an empty body).");
                return;
            }
            if (!await BodyIsStrictJsonAsync(http, options.MaxBodyBytes)) return;
        }
        await next(http);
    }

    private static bool IsControlPlane(PathString path) =>
        path == "/" || path.StartsWithSegments("/_emulator") || path.StartsWithSegments("/dashboard");

    private static bool HostAllowed(string host, AdminOptions options, ServerOptions server)
    {
        host = host.Trim('[', ']');
        if (host.Length == 0) return false;
        if (host is "localhost" or "127.0.0.1" or "::1" || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)) return true;
        if (host.Equals(server.Host, StringComparison.OrdinalIgnoreCase)) return true;
        return options.AllowedHosts.Any(h => h == "*" || h.Equals(host, StringComparison.OrdinalIgnoreCase));
    }

    private static bool OriginAllowed(string origin, HttpRequest request, AdminOptions options)
    {
        var own = $"{request.Scheme}://{request.Host}";
        return origin.Equals(own, StringComparison.OrdinalIgnoreCase)
            || options.AllowedOrigins.Any(o => o == "*" || o.TrimEnd('/').Equals(origin, StringComparison.OrdinalIgnoreCase));
    }

    private static bool TokenMatches(HttpRequest request, string token) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(BearerAuth.TokenOf(request)), Encoding.UTF8.GetBytes(token));

    /// <summary>Reads the body (bounded) and checks it strictly, then hands it on for the endpoint to bind.</summary>
    private static async Task<bool> BodyIsStrictJsonAsync(HttpContext http, int limit)
    {
        var request = http.Request;
        if (await JsonRequest.ReadBoundedAsync(request, limit, http.RequestAborted) is not { } bytes)
        {
            await RefuseAsync(http, 413, $"The body is larger than Admin:MaxBodyBytes ({limit:N0} bytes).");
            return false;
        }
        if (!JsonRequest.IsBlank(bytes))
        {
            StrictJson.Parse(bytes, out var problem);
            if (problem is not null)
            {
                await RefuseAsync(http, 400, problem);
                return false;
            }
        }
        request.Body = new MemoryStream(bytes, writable: false);
        request.ContentLength = bytes.Length;
        return true;
    }

    private static Task RefuseAsync(HttpContext http, int status, string detail) =>
        Results.Problem(detail, statusCode: status).ExecuteAsync(http);
}
