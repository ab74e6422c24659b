using System.Net;
using System.Net.Sockets;

namespace LiveWatch.Ingest.Tests.Publishers;

/// <summary>Free loopback ports for test publishers, so tests never collide with each other or a running node.</summary>
internal static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
