using System;
using Stations.Core.Hardware;

namespace Stations.Firmware.Network
{
    /// <summary>
    /// The board's clock: uptime from Environment.TickCount64 (monotonic, unaffected by SNTP) and UTC wall time from the
    /// RTC, trusted only after <see cref="SntpTimeSync"/> has confirmed a sync this boot.
    /// </summary>
    public sealed class DeviceClock : IClock
    {
        private static readonly DateTime UnixEpoch = new DateTime(1970, 1, 1, 0, 0, 0);

        /// <inheritdoc />
        public long UptimeMs
        {
            get { return Environment.TickCount64; }
        }

        /// <inheritdoc />
        public bool IsSynced { get; private set; }

        /// <inheritdoc />
        public long UtcNowMs
        {
            get { return (DateTime.UtcNow - UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond; }
        }

        /// <summary>Called by <see cref="SntpTimeSync"/> once the wall clock has been set this boot.</summary>
        public void MarkSynced()
        {
            IsSynced = true;
        }
    }
}
