using Stations.Core.Protocol;

namespace Stations.Core.Station
{
    /// <summary>
    /// A station's whole configuration (docs/configuration.md): identity, time zone, hours, staffing, budget and devices.
    /// Built only by <see cref="TryParse"/> (validated) or <see cref="CreateDefault"/>; treat an instance as read-only.
    /// </summary>
    public sealed class StationConfig
    {
        /// <summary>Station id, `^[a-z0-9][a-z0-9-]{2,31}$`.</summary>
        public string StationId;
        /// <summary>Human-readable station name (informational), or null.</summary>
        public string Name;
        /// <summary>IANA time zone name (informational: the board has no tz database).</summary>
        public string TimeZone = "Asia/Shanghai";
        /// <summary>Fixed offset of station-local time from UTC.</summary>
        public int UtcOffsetMinutes = 480;
        /// <summary>True when staff are present during opening hours.</summary>
        public bool Attended = true;
        /// <summary>Telemetry period (`tel` in the birth message).</summary>
        public int TelemetrySeconds = 60;
        /// <summary>Sum of outlet loads above which new sessions are refused (and the newest is cut after a grace time).</summary>
        public double PowerBudgetWatts = 3000;
        /// <summary>Opening hours.</summary>
        public OpeningHours Hours = OpeningHours.AlwaysOpen();
        /// <summary>Optional open/closed sign switch, or null.</summary>
        public InputConfig Sign;
        /// <summary>Optional people-counter beam, or null.</summary>
        public InputConfig Beam;
        /// <summary>Doors.</summary>
        public DoorConfig[] Doors = new DoorConfig[0];
        /// <summary>Water dispensers.</summary>
        public DispenserConfig[] Dispensers = new DispenserConfig[0];
        /// <summary>Climate probes.</summary>
        public ClimateProbeConfig[] Probes = new ClimateProbeConfig[0];
        /// <summary>Heating/cooling relays.</summary>
        public HvacConfig[] Hvac = new HvacConfig[0];
        /// <summary>Charging outlets.</summary>
        public OutletConfig[] Outlets = new OutletConfig[0];
        /// <summary>CRC-32/IEEE of the config bytes as 8 lowercase hex (`cfg`).</summary>
        public string Hash = "00000000";

        /// <summary>
        /// Parses and validates a config object from json[offset .. offset+count). On failure <paramref name="config"/> is
        /// null and <paramref name="error"/> names the field and the fix, e.g.
        /// `outlets[2].maxSessionMinutes: 600 is above the hard cap 480; use 1..480`.
        /// </summary>
        public static bool TryParse(byte[] json, int offset, int count, out StationConfig config, out string error)
        {
            config = null;
            if (json == null || offset < 0 || count <= 0 || offset + count > json.Length)
            {
                error = "config: empty; send the full station config object";
                return false;
            }

            StationConfigParser parser = new StationConfigParser(json, offset, count);
            StationConfig parsed = parser.Parse();
            if (parsed == null)
            {
                error = Shorten(parser.Error);
                return false;
            }

            error = StationConfigValidator.Validate(parsed);
            if (error != null)
            {
                error = Shorten(error);
                return false;
            }

            parsed.Hash = Crc32.ToHex(Crc32.Compute(json, offset, count));
            config = parsed;
            return true;
        }

        /// <summary>
        /// The safe default for a station whose stored config is missing or invalid: the station id, no devices
        /// (so no relay is ever driven), open all day, attended, telemetry every 60 s.
        /// </summary>
        public static StationConfig CreateDefault(string stationId)
        {
            StationConfig c = new StationConfig();
            c.StationId = stationId;
            return c;
        }

        private static string Shorten(string message)
        {
            // The protocol caps `config.rejected.err` at 200 characters.
            if (message != null && message.Length > 200)
            {
                return message.Substring(0, 197) + "...";
            }

            return message;
        }
    }
}
