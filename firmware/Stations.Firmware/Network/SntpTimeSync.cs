using System;
using System.Threading;
using nanoFramework.Networking;

namespace Stations.Firmware.Network
{
    /// <summary>
    /// Sets the wall clock with the SNTP client built into the nanoFramework network stack. A clock reading before
    /// 2024 has never been set (the RTC starts at 1970), so the sync counts once the clock reads a plausible date after
    /// an update was requested.
    /// </summary>
    public sealed class SntpTimeSync
    {
        private const int FirstPlausibleYear = 2024;
        private const int PollIntervalMs = 250;

        private readonly DeviceClock _clock;
        private readonly string _server1;
        private readonly string _server2;

        /// <summary>Creates the sync step; servers are host names from the station provisioning (e.g. ntp.aliyun.com).</summary>
        public SntpTimeSync(DeviceClock clock, string server1, string server2)
        {
            _clock = clock;
            _server1 = server1;
            _server2 = server2;
        }

        /// <summary>Starts SNTP, asks for an update now and waits up to <paramref name="timeoutMs"/> for a plausible clock.</summary>
        public bool TrySync(int timeoutMs)
        {
            Sntp.Server1 = _server1;
            Sntp.Server2 = _server2;
            if (!Sntp.IsStarted)
            {
                Sntp.Start();
            }

            Sntp.UpdateNow();
            long deadline = Environment.TickCount64 + timeoutMs;
            while (Environment.TickCount64 < deadline)
            {
                if (DateTime.UtcNow.Year >= FirstPlausibleYear)
                {
                    _clock.MarkSynced();
                    return true;
                }

                Thread.Sleep(PollIntervalMs);
            }

            return false;
        }
    }
}
