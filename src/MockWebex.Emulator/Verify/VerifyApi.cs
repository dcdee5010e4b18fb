namespace MockWebex.Verify;

/// <summary>POST /_emulator/verify: grade a webhook receiver (see <see cref="ReceiverVerifier"/>); `mockwebex verify` calls it.</summary>
public static class VerifyApi
{
    public static IEndpointRouteBuilder MapVerifyApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/_emulator/verify", async (VerifyRequest? body, ReceiverVerifier verifier, CancellationToken ct) =>
        {
            if (body?.TargetUrl is not { } target || !Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                return Results.Problem("targetUrl (an absolute http or https URL) is required.", statusCode: 400);
            if (string.IsNullOrEmpty(body.Secret)) return Results.Problem("secret (the one your webhook is created with) is required.", statusCode: 400);
            if (body.CallbackTimeout is < 1 or > 300) return Results.Problem("callbackTimeout must be between 1 and 300 seconds.", statusCode: 400);
            var callBackWithin = body.CallbackTimeout is { } seconds ? TimeSpan.FromSeconds(seconds) : FollowUpVerifier.DefaultCallBackWithin;
            return TypedResults.Ok(await verifier.VerifyAsync(target, body.Secret, string.IsNullOrEmpty(body.Token) ? null : body.Token, callBackWithin, ct));
        }).WithTags("Emulator").WithSummary("Grade a webhook receiver: signatures, JSON forms, duplicates, order, unknown events and, with a token, 429 retries and duplicate replies; a report per check");
        return routes;
    }
}
