namespace MockWebex.Verify;

/// <summary>POST /_emulator/verify: the receiver to grade and the secret its webhook has.</summary>
public sealed record VerifyRequest(string? TargetUrl, string? Secret);
