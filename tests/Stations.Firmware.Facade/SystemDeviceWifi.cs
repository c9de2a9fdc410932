// Facade of nanoFramework.System.Device.Wifi 1.5.147 (assembly System.Device.Wifi), including the WifiNetworkHelper
// it declares in namespace nanoFramework.Networking.
using System;
using System.Threading;
using Stations.Firmware.Facade;

namespace System.Device.Wifi
{
    [Mirrors("nanoFramework.System.Device.Wifi", "1.5.147")]
    public enum WifiReconnectionKind
    {
        [Mirrors("nanoFramework.System.Device.Wifi", "1.5.147")] Automatic,
        [Mirrors("nanoFramework.System.Device.Wifi", "1.5.147")] Manual,
    }
}

namespace nanoFramework.Networking
{
    [Mirrors("nanoFramework.System.Device.Wifi", "1.5.147")]
    public static class WifiNetworkHelper
    {
        [Mirrors("nanoFramework.System.Device.Wifi", "1.5.147")]
        public static Exception HelperException => null;

        [Mirrors("nanoFramework.System.Device.Wifi", "1.5.147")]
        public static bool ConnectDhcp(string ssid, string password, System.Device.Wifi.WifiReconnectionKind reconnectionKind = System.Device.Wifi.WifiReconnectionKind.Automatic, bool requiresDateTime = false, int wifiAdapterId = 0, CancellationToken token = default) => false;

        [Mirrors("nanoFramework.System.Device.Wifi", "1.5.147")]
        public static bool Reconnect(bool requiresDateTime = false, int wifiAdapterId = 0, CancellationToken token = default) => false;
    }
}
