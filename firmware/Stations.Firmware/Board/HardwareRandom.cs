using System;
using Stations.Core.Link;

namespace Stations.Firmware.Board
{
    /// <summary>Random numbers for boot ids and reconnect jitter; System.Random on the ESP32 draws from the hardware RNG.</summary>
    public sealed class HardwareRandom : IRandom
    {
        private readonly Random _random = new Random();

        /// <inheritdoc />
        public int Next(int maxExclusive)
        {
            return _random.Next(maxExclusive);
        }
    }
}
