using System.Net;
using System.Net.Sockets;

namespace LiveWatch.Ingest.Sources;

/// <summary>Addresses a platform's URL must not make LiveWatch connect to: this machine, its networks, cloud metadata.</summary>
public static class NetworkRanges
{
    // (network, prefix length, what it is) — the reason goes into the refusal so an operator sees what tripped.
    private static readonly (IPNetwork Network, string What)[] Refused =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "'this network'"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private network"),
        (IPNetwork.Parse("100.64.0.0/10"), "carrier-grade NAT"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local (cloud metadata lives here)"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private network"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private network"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved"),
        (IPNetwork.Parse("::/128"), "the unspecified address"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("fc00::/7"), "a private network (unique local)"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    /// <summary>Why <paramref name="address"/> is not public, or null if it is.</summary>
    public static string? WhyNotPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);

        // ::ffff:127.0.0.1 is 127.0.0.1: judge the IPv4 address inside.
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return "not an IP address";
        }

        foreach (var (network, what) in Refused)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return what;
            }
        }

        return null;
    }
}
