namespace Stations.Core.Station
{
    /// <summary>One heating or cooling relay (config `hvac[]`) driven as a thermostat from a probe.</summary>
    public sealed class HvacConfig
    {
        /// <summary>Device id, e.g. `ac1`.</summary>
        public string Id;
        /// <summary>GPIO of the relay.</summary>
        public int Pin = -1;
        /// <summary>`heat` or `cool`.</summary>
        public string Mode = "cool";
        /// <summary>The probe id whose reading drives it.</summary>
        public string Probe;
        /// <summary>Target temperature: cooling stops at or below it, heating stops at or above it.</summary>
        public double SetpointC = 26;
        /// <summary>Cooling starts at setpoint + hysteresis, heating at setpoint − hysteresis.</summary>
        public double HysteresisC = 1.5;
        /// <summary>Once on, stays on at least this long (compressor protection).</summary>
        public int MinOnSeconds = 180;
        /// <summary>Once off, stays off at least this long.</summary>
        public int MinOffSeconds = 180;
        /// <summary>Runs only while the station counts as open.</summary>
        public bool OnlyWhenOpen = true;
    }
}
