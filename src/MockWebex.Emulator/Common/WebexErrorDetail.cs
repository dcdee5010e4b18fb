using Microsoft.AspNetCore.Http.HttpResults;

namespace MockWebex.Common;

public sealed record WebexErrorDetail(string Description);
