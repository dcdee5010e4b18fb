using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace MockWebex.Hosting;

/// <summary>The address Kestrel bound (port 0 resolved), as a client on this machine reaches it: for URLs made outside a request.</summary>
public sealed class ServerAddress(IServer server)
{
    public string BaseUrl => Of(server);

    public static string Of(IServer server) =>
        server.Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1");
}
