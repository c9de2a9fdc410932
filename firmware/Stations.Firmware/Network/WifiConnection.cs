using System;
using System.Device.Wifi;
using System.Threading;
using nanoFramework.Networking;

namespace Stations.Firmware.Network
{
    /// <summary>
    /// Joins the station's Wi-Fi network with DHCP, retrying with a growing pause (2 s, 4 s … capped at 60 s) so a
    /// router that reboots with the whole street does not get a storm. Reconnection after a drop is left to the ESP32
    /// driver (WifiReconnectionKind.Automatic).
    /// </summary>
    public sealed class WifiConnection
    {
        private const int AttemptTimeoutMs = 20000;
        private const int FirstPauseMs = 2000;
        private const int MaxPauseMs = 60000;

        private readonly string _ssid;
        private readonly string _password;

        /// <summary>Creates the connection for one network.</summary>
        public WifiConnection(string ssid, string password)
        {
            _ssid = ssid;
            _password = password;
        }

        /// <summary>What went wrong in the last failed attempt (for the log), or null.</summary>
        public string LastError { get; private set; }

        /// <summary>Tries up to <paramref name="attempts"/> times; true once an IP address was obtained.</summary>
        public bool Connect(int attempts)
        {
            int pauseMs = FirstPauseMs;
            for (int attempt = 1; attempt <= attempts; attempt++)
            {
                if (TryOnce())
                {
                    LastError = null;
                    return true;
                }

                if (attempt < attempts)
                {
                    Thread.Sleep(pauseMs);
                    pauseMs = pauseMs * 2 > MaxPauseMs ? MaxPauseMs : pauseMs * 2;
                }
            }

            return false;
        }

        private bool TryOnce()
        {
            CancellationTokenSource timeout = new CancellationTokenSource(AttemptTimeoutMs);
            try
            {
                // requiresDateTime false: SNTP is a separate step, so a blocked NTP port cannot keep the station offline.
                bool connected = WifiNetworkHelper.ConnectDhcp(_ssid, _password, WifiReconnectionKind.Automatic, false, 0, timeout.Token);
                if (!connected)
                {
                    Exception error = WifiNetworkHelper.HelperException;
                    LastError = error != null ? error.Message : "Wi-Fi connect to '" + _ssid + "' failed (check SSID, password, signal)";
                }

                return connected;
            }
            catch (Exception ex)
            {
                LastError = ex.Message;
                return false;
            }
            finally
            {
                timeout.Dispose();
            }
        }
    }
}
