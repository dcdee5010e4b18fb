namespace MockWebex.Fixtures;

public sealed class TemplateException(string message) : Exception(message);
