using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MockWebex.Storage;

/// <summary>Healthy = ready: the data file is open. /healthz waits for it, and answers 503 when it cannot be opened.</summary>
public sealed class StorageHealthCheck(WebexStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.Ready.WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{store.FullPath} could not be opened", e);
        }
    }
}
