using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MockWebex.Storage;

/// <summary>
/// Healthy = ready: the data file is open and its last write did not fail. /healthz waits for it, and answers 503 when it
/// cannot be opened or written (a full disk), until it can again.
/// </summary>
public sealed class StorageHealthCheck(WebexStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.Ready.WaitAsync(cancellationToken);
            return store.CheckAfterFailure() is { } failure ? HealthCheckResult.Unhealthy(failure.Message) : HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{store.FullPath} could not be opened", e);
        }
    }
}
