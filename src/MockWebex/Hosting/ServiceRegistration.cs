using MockWebex.Auth;
using MockWebex.Delivery;
using MockWebex.Storage;
using MockWebex.Webhooks;

namespace MockWebex.Hosting;

/// <summary>One AddXxx per concern, so EmulatorHost reads like a table of contents.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddSingleton<WebexStore>();
    }

    public static IServiceCollection AddIdentities(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        return services.AddSingleton<IdentityDirectory>();
    }

    public static IServiceCollection AddWebhooks(this IServiceCollection services) =>
        services.AddSingleton<WebhookService>();

    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddSingleton<FailureTracker>();
    }
}
