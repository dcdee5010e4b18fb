using System.Security.Cryptography;
using System.Text;

namespace MockWebex.Delivery;

/// <summary>X-Spark-Signature: lowercase hex HMAC-SHA1 of the exact body bytes, keyed with the webhook's secret.</summary>
public static class WebhookSigner
{
    public const string Header = "X-Spark-Signature";

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), body));
}
