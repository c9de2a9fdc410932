using System.Diagnostics;
using Stations.Core.Link;
using Stations.Core.Station;
using Stations.Firmware.Link;
using Stations.Firmware.Network;

namespace Stations.Firmware.Board
{
    /// <summary>
    /// Holds the board's adapters and hands them to the station logic: the hardware factory (IHardwareFactory), the
    /// flash store (outbox), the clock, the MQTT link, the rebooter, the random source and the safe-mode flag.
    /// </summary>
    public sealed class StationBoard
    {
        private readonly BoardProvisioning _provisioning;
        private readonly DeviceClock _clock;
        private M2MqttMessageLink _link;
        private bool _networkUp;

        /// <summary>Collects the adapters; nothing talks to the network yet.</summary>
        public StationBoard(IHardwareFactory hardware, IFlashStore flash, DeviceClock clock, IRebooter rebooter, IRandom random, bool safeMode)
        {
            Hardware = hardware;
            Flash = flash;
            _clock = clock;
            Rebooter = rebooter;
            Random = random;
            SafeMode = safeMode;
            _provisioning = BoardProvisioning.Load(flash);
        }

        /// <summary>Creates the device adapters from the station config.</summary>
        public IHardwareFactory Hardware { get; }

        /// <summary>The outbox's flash store on `I:`.</summary>
        public IFlashStore Flash { get; }

        /// <summary>Reboots the board.</summary>
        public IRebooter Rebooter { get; }

        /// <summary>Hardware random numbers.</summary>
        public IRandom Random { get; }

        /// <summary>True when this boot is in crash-loop safe mode (all outlets disabled, reported as `safe`).</summary>
        public bool SafeMode { get; }

        /// <summary>The MQTT link, or null until provisioning names a broker.</summary>
        public IMessageLink Link
        {
            get { return _link; }
        }

        /// <summary>Joins Wi-Fi and syncs the clock; logs and goes on offline when provisioning is missing or the network fails.</summary>
        public void StartNetwork()
        {
            if (_provisioning.Problem != null)
            {
                Debug.WriteLine("provisioning: " + _provisioning.Problem);
                return;
            }

            WifiConnection wifi = new WifiConnection(_provisioning.WifiSsid, _provisioning.WifiPassword);
            _networkUp = wifi.Connect(BoardSettings.WifiBootAttempts);
            if (!_networkUp)
            {
                Debug.WriteLine("wifi: " + wifi.LastError);
                return;
            }

            SntpTimeSync sntp = new SntpTimeSync(_clock, BoardSettings.SntpServer1, BoardSettings.SntpServer2);
            if (!sntp.TrySync(BoardSettings.SntpTimeoutMs))
            {
                Debug.WriteLine("sntp: no answer yet; messages carry no ts until the clock is set");
            }

            _link = new M2MqttMessageLink(_provisioning.Mqtt);
        }

        /// <summary>One pass of the station loop (the Core station controller and link are driven from here).</summary>
        public void Tick()
        {
        }
    }
}
