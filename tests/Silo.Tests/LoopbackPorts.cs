using System.Net;
using System.Net.Sockets;

namespace LiveWatch.Silo.Tests;

/// <summary>
/// Free loopback ports for the HTTP endpoint and Orleans' silo and gateway ports, so test hosts never collide with each
/// other, with a developer's running node or with another engineer's tests on the same machine.
/// </summary>
internal static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
