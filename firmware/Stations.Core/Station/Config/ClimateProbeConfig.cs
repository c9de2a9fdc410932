namespace Stations.Core.Station
{
    /// <summary>One temperature/humidity probe (config `probes[]`, DHT22): read period, filtering and alarm limits.</summary>
    public sealed class ClimateProbeConfig
    {
        /// <summary>Device id, e.g. `probe1`.</summary>
        public string Id;
        /// <summary>GPIO of the probe's data line.</summary>
        public int Pin = -1;
        /// <summary>Second GPIO (the ESP32 DHT22 driver uses an echo and a trigger pin), or -1.</summary>
        public int Pin2 = -1;
        /// <summary>Normal read period (never under 2 s: a DHT22 needs that long between reads).</summary>
        public int ReadSeconds = 10;
        /// <summary>Heat alarm at or above this temperature.</summary>
        public double HighC = 35;
        /// <summary>Cold alarm at or below this temperature.</summary>
        public double LowC = 5;
        /// <summary>An alarm clears only this far back inside the band.</summary>
        public double HysteresisC = 1;
        /// <summary>Consecutive failed reads that raise `probe.fault`.</summary>
        public int FaultAfterFailures = 5;
        /// <summary>With no good reading for this long the value is `stale`.</summary>
        public int StaleSeconds = 120;
    }
}
