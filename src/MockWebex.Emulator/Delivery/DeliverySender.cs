using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using MockWebex.Common;
using MockWebex.Hosting;
using MockWebex.Storage;

namespace MockWebex.Delivery;

/// <summary>Makes one HTTP attempt: POST the stored bytes, signed with the webhook's current secret.</summary>
public sealed class DeliverySender : IDisposable
{
    private const int ResponseHeadBytes = 1024;
    private readonly HttpClient _http;
    private readonly DeliveryOptions _options;
    private readonly TimeProvider _clock;
    private readonly ServerAddress _server;

    public DeliverySender(IOptions<DeliveryOptions> options, TimeProvider clock, ServerAddress server)
    {
        _options = options.Value;
        _clock = clock;
        _server = server;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = _options.Timeout,
            MaxConnectionsPerServer = 64,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<AttemptRecord> SendAsync(WebhookRecord webhook, DeliveryRecord delivery, int number, CancellationToken stopping)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        var headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" };
        if (webhook.Secret is not null) headers[WebhookSigner.Header] = WebhookSigner.Sign(webhook.Secret, body);

        var attempt = new AttemptRecord { Number = number, At = WebexTime.Now(_clock), TargetUrl = webhook.TargetUrl, RequestHeaders = headers };
        if (Uri.TryCreate(webhook.TargetUrl, UriKind.Absolute, out var target) && _server.IsOwnControlPlane(target))
        {
            attempt.Error = "not sent: the targetUrl is this emulator's control plane (/_emulator), where each delivery would make more";
            return attempt;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.TargetUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (webhook.Secret is not null) request.Headers.TryAddWithoutValidation(WebhookSigner.Header, headers[WebhookSigner.Header]);

        // The timeout runs on the injected clock so tests can expire it without waiting.
        using var timeout = new CancellationTokenSource(_options.Timeout, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping);
        var started = _clock.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            attempt.ResponseStatus = (int)response.StatusCode;
            attempt.ResponseBodyHead = await ReadHeadAsync(response, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            attempt.Error = $"timeout after {_options.Timeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException e)
        {
            attempt.Error = e.InnerException?.Message ?? e.Message;
        }
        attempt.LatencyMs = Math.Round(_clock.GetElapsedTime(started).TotalMilliseconds, 3);
        if (attempt.Error is null && !attempt.Succeeded) attempt.Error = $"receiver answered {attempt.ResponseStatus}";
        return attempt;
    }

    private static async Task<string> ReadHeadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[ResponseHeadBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), ct)) > 0) total += read;
        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    public void Dispose() => _http.Dispose();
}
