namespace MockWebex.Common;

/// <summary>What a request field takes, in words, for the 400 that names a value of the wrong type ("a URL or an array of URLs").</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ExpectedJsonAttribute(string description) : Attribute
{
    public string Description { get; } = description;
}
