using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MockWebex.Common;

/// <summary>
/// Writes JSON exactly as JavaScript's JSON.stringify would: no whitespace, raw UTF-8, and only the
/// escapes JSON.stringify itself produces. Many receivers verify X-Spark-Signature over
/// JSON.stringify(JSON.parse(body)), so any other escaping (\u002B, \/, \u00E9) breaks them.
/// </summary>
public static class CompactJson
{
    public static string Serialize(JsonNode? node)
    {
        var sb = new StringBuilder(256);
        Write(sb, node);
        return sb.ToString();
    }

    public static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in obj)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    WriteString(sb, key);
                    sb.Append(':');
                    Write(sb, value);
                }
                sb.Append('}');
                break;
            case JsonArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Write(sb, array[i]);
                }
                sb.Append(']');
                break;
            case JsonValue value:
                WriteValue(sb, value);
                break;
        }
    }

    private static void WriteValue(StringBuilder sb, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String: WriteString(sb, value.GetValue<string>()); break;
            case JsonValueKind.True: sb.Append("true"); break;
            case JsonValueKind.False: sb.Append("false"); break;
            case JsonValueKind.Null: sb.Append("null"); break;
            case JsonValueKind.Number: WriteNumber(sb, value); break;
            default: throw new InvalidOperationException($"Unsupported JSON value {value}");
        }
    }

    /// <summary>
    /// Prints a number as JavaScript's Number.prototype.toString does (what JSON.stringify uses): the shortest digits that
    /// round-trip, in plain notation from 1e-7 up to 1e21 and as <c>1.5e-7</c> / <c>1e+21</c> beyond; -0 as 0, and
    /// NaN and the infinities as null. .NET's shortest form ("R") has the same digits but switches to exponents at other
    /// places and pads them (<c>1E-05</c>, <c>1.5E-07</c>), and a cast to decimal kept only 15 digits of large integers.
    /// </summary>
    private static void WriteNumber(StringBuilder sb, JsonValue value)
    {
        var number = value.TryGetValue(out JsonElement element)
            ? element.GetDouble()
            : double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
        if (!double.IsFinite(number))
        {
            sb.Append("null");
            return;
        }
        if (number == 0)
        {
            sb.Append('0');
            return;
        }
        if (number < 0) sb.Append('-');
        // The value is 0.DIGITS × 10^point, as ECMAScript's Number::toString names them (k digits, n = point).
        var (digits, point) = ShortestDigits(Math.Abs(number));
        if (digits.Length <= point && point <= 21) sb.Append(digits).Append('0', point - digits.Length);
        else if (0 < point && point <= 21) sb.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
        else if (-6 < point && point <= 0) sb.Append("0.").Append('0', -point).Append(digits);
        else
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            var exponent = point - 1;
            sb.Append(exponent < 0 ? "e-" : "e+").Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The shortest round-trip significant digits of a positive finite number, and where its decimal point goes.</summary>
    private static (string Digits, int Point) ShortestDigits(double positive)
    {
        var text = positive.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E');
        var mantissa = e < 0 ? text : text[..e];
        var exponent = e < 0 ? 0 : int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.');
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var point = (dot < 0 ? mantissa.Length : dot) + exponent;
        var significant = digits.TrimStart('0');
        point -= digits.Length - significant.Length;
        return (significant.TrimEnd('0'), point);
    }

    /// <summary>The characters a string may need escaped: quote, backslash, controls, and surrogates (escaped when lone).</summary>
    private static readonly SearchValues<char> MayNeedEscape = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), '"', '\\', .. Enumerable.Range(0xD800, 0x800).Select(c => (char)c)]);

    /// <summary>Quotes a string with the escapes of ECMAScript's QuoteJSONString.</summary>
    public static void WriteString(StringBuilder sb, string text)
    {
        sb.Append('"');
        // Runs of plain characters are copied whole: one character at a time was most of building a delivery's body (profiled).
        var start = 0;
        while (text.AsSpan(start).IndexOfAny(MayNeedEscape) is var offset and >= 0)
        {
            var i = start + offset;
            sb.Append(text, start, i - start);
            WriteChar(sb, text, i);
            start = i + 1;
        }
        sb.Append(text, start, text.Length - start).Append('"');
    }

    private static void WriteChar(StringBuilder sb, string text, int i)
    {
        var c = text[i];
        switch (c)
        {
            case '"': sb.Append("\\\""); break;
            case '\\': sb.Append("\\\\"); break;
            case '\b': sb.Append("\\b"); break;
            case '\f': sb.Append("\\f"); break;
            case '\n': sb.Append("\\n"); break;
            case '\r': sb.Append("\\r"); break;
            case '\t': sb.Append("\\t"); break;
            default:
                if (c < 0x20 || IsLoneSurrogate(text, i))
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                else
                    sb.Append(c);
                break;
        }
    }

    private static bool IsLoneSurrogate(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c)) return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        if (char.IsLowSurrogate(c)) return i == 0 || !char.IsHighSurrogate(text[i - 1]);
        return false;
    }
}
