using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace MockWebex.Tunnel;

/// <summary>
/// Copies the request as YARP's base transformer does (headers untouched, no X-Forwarded-*), then sets
/// the target from the raw request target, byte for byte: YARP would rebuild it from the decoded path,
/// which re-encodes `%2F` as `%252F` and adds a slash to an empty path.
/// </summary>
public sealed class ExactTargetTransformer(Func<HttpContext, string, string> target) : HttpTransformer
{
    /// <summary>The relay: the whole raw target, to the client (which knows its channel and cuts /hooks/{channel} off).</summary>
    public static ExactTargetTransformer Tunnel { get; } = new((http, prefix) => prefix + RawTarget(http));

    public static string RawTarget(HttpContext http) => http.Features.Get<IHttpRequestFeature>()!.RawTarget;

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        // Set first too: the base only builds its own URI when none is set yet.
        var exact = TunnelProtocol.ExactUri(target(httpContext, destinationPrefix));
        proxyRequest.RequestUri = exact;
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        proxyRequest.RequestUri = exact;
    }
}
