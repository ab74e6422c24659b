using System.Net;
using System.Net.Sockets;

namespace LiveWatch.Cluster.Tests.Infrastructure;

/// <summary>Free loopback ports, so the test cluster never collides with a developer's running cluster or other tests.</summary>
internal static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
