using System.Net;
using System.Net.NetworkInformation;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace MockWebex.Hosting;

/// <summary>The address Kestrel bound (port 0 resolved), as a client on this machine reaches it: for URLs made outside a request.</summary>
public sealed class ServerAddress(IServer server)
{
    private static readonly Lazy<HashSet<IPAddress>> ThisMachine = new(() =>
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces().SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(a => a.Address).ToHashSet();
        }
        catch (NetworkInformationException)
        {
            return []; // a sandbox that hides the interfaces: loopback and the bound address still count
        }
    });

    public string BaseUrl => Of(server);

    public static string Of(IServer server) =>
        server.Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1");

    /// <summary>
    /// Whether a URL reaches this emulator's control plane (/_emulator, any case or escaping, on a name or address of this
    /// machine and a port the emulator listens on). A delivery posted there triggers an event, runs a scenario or
    /// redelivers, and so makes deliveries again without end: a webhook whose targetUrl was /_emulator/events made 2,700
    /// deliveries in 5 s and went on.
    /// </summary>
    public bool IsOwnControlPlane(Uri target)
    {
        if (!Uri.UnescapeDataString(target.AbsolutePath).StartsWith("/_emulator", StringComparison.OrdinalIgnoreCase)) return false;
        return server.Features.Get<IServerAddressesFeature>()!.Addresses.Select(address => new Uri(address))
            .Any(own => own.Port == target.Port && IsThisMachine(target.Host, own.Host));
    }

    private static bool IsThisMachine(string host, string boundHost) =>
        string.Equals(host, boundHost, StringComparison.OrdinalIgnoreCase) || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || IPAddress.TryParse(host.Trim('[', ']'), out var ip) && (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ThisMachine.Value.Contains(ip));
}
