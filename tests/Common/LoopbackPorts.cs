using System.Net;
using System.Net.Sockets;

namespace LiveWatch.Tests.Common;

/// <summary>
/// Free loopback ports (HTTP endpoints, Orleans silo and gateway ports, publishers, Redis, PostgreSQL), so test hosts
/// never collide with each other, with a developer's running node or with another engineer's tests on the machine.
/// Shared as a linked file by the test projects.
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
