namespace MockWebex.Cli;

/// <summary>A user-facing CLI error: printed without a stack trace, exit code 2.</summary>
public sealed class CliException(string message, Exception? inner = null) : Exception(message, inner);
