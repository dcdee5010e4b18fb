using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bogus;
using MockWebex.Auth;
using MockWebex.Common;

namespace MockWebex.Fixtures;

public sealed class TemplateException(string message) : Exception(message);
