using Microsoft.Extensions.Options;
using MockWebex.Admin;
using MockWebex.Auth;
using MockWebex.Events;
using MockWebex.Fixtures;
using MockWebex.Resources;
using MockWebex.Scenarios;
using MockWebex.Delivery;
using MockWebex.Storage;
using MockWebex.Webhooks;

namespace MockWebex.Hosting;

/// <summary>One AddXxx per concern, so EmulatorHost reads like a table of contents.</summary>
public static class ServiceRegistration
{
    /// <summary>
    /// The store is built from the validated options; the first hosted service that needs it (the delivery
    /// log) creates it at start, and its file opens in the background while Kestrel starts.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return services.AddSingleton<WebexStore>()
            .AddSingleton<WebhookRepository>().AddSingleton<DeliveryRepository>().AddSingleton<PersonRepository>().AddSingleton<TeamRepository>().AddSingleton<ContentRepository>().AddSingleton<Conversations>();
    }

    public static IServiceCollection AddIdentities(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        return services.AddSingleton<IdentityDirectory>();
    }

    public static IServiceCollection AddWebhooks(this IServiceCollection services) =>
        services.AddSingleton<WebhookService>();

    /// <summary>People, rooms, memberships, messages and card submissions.</summary>
    public static IServiceCollection AddResources(this IServiceCollection services)
    {
        services.AddOptions<MessagesOptions>().BindConfiguration(MessagesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddSingleton<ServerAddress>().AddSingleton<PeopleDirectory>().AddSingleton<TriggeredResources>()
            .AddSingleton<TeamService>().AddSingleton<RoomService>().AddSingleton<MembershipService>().AddSingleton<MessageService>().AddSingleton<AttachmentActionService>();
    }

    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FailureTracker>();
        services.AddSingleton<DeliverySender>();
        services.AddSingleton<DeliveryLog>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryLog>());
        services.AddSingleton<DeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());
        services.AddSingleton<RetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        return services.AddSingleton<EventPublisher>();
    }

    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddSingleton<MockWebex.Faults.FaultRules>();
        services.AddSingleton<MockWebex.Verify.ApiCallWatch>().AddSingleton<MockWebex.Verify.FollowUpVerifier>().AddSingleton<MockWebex.Verify.ReceiverVerifier>();
        services.AddOptions<EventsOptions>().BindConfiguration(EventsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => FixtureCatalog.Default(sp.GetRequiredService<IOptions<EventsOptions>>().Value.FixturesPath));
        services.AddSingleton<EventFactory>();
        services.AddSingleton<ScenarioRunner>();
        return services.AddSingleton<ExplainService>();
    }
}
