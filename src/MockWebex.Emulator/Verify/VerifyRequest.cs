namespace MockWebex.Verify;

/// <summary>
/// POST /_emulator/verify: the receiver to grade, the secret its webhook has, and optionally the token it calls the API with
/// and how many seconds it has to call back (default 15).
/// </summary>
public sealed record VerifyRequest(string? TargetUrl, string? Secret, string? Token = null, int? CallbackTimeout = null);
