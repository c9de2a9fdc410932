using System.Net;
using System.Net.Sockets;

namespace Stations.Testing;

/// <summary>Asks the OS for a free loopback TCP port (for services that cannot bind port 0 and report it back).</summary>
public static class FreeTcpPort
{
    /// <summary>Returns a port that was free a moment ago on 127.0.0.1.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
