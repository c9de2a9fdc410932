namespace Stations.Core.Protocol
{
    /// <summary>The MQTT topic names of contract v1 (docs/protocol.md, "Topics") for one station.</summary>
    public sealed class Topics
    {
        /// <summary>The prefix every v1 topic starts with.</summary>
        public const string Prefix = "ss/v1/";

        /// <summary>Builds the topic names for <paramref name="stationId"/> once, so sending allocates nothing.</summary>
        public Topics(string stationId)
        {
            StationId = stationId;
            string root = Prefix + stationId + "/";
            Status = root + "status";
            Telemetry = root + "telemetry";
            Event = root + "event";
            CommandResult = root + "cmd/result";
            Command = root + "cmd";
            Ack = root + "ack";
        }

        /// <summary>The station id the topics belong to.</summary>
        public readonly string StationId;

        /// <summary>`ss/v1/{station}/status`: retained birth and will.</summary>
        public readonly string Status;

        /// <summary>`ss/v1/{station}/telemetry`.</summary>
        public readonly string Telemetry;

        /// <summary>`ss/v1/{station}/event`.</summary>
        public readonly string Event;

        /// <summary>`ss/v1/{station}/cmd/result`.</summary>
        public readonly string CommandResult;

        /// <summary>`ss/v1/{station}/cmd` (gateway → station).</summary>
        public readonly string Command;

        /// <summary>`ss/v1/{station}/ack` (gateway → station).</summary>
        public readonly string Ack;

        /// <summary>True when <paramref name="id"/> is a valid station id (`^[a-z0-9][a-z0-9-]{2,31}$`).</summary>
        public static bool IsValidStationId(string id)
        {
            if (id == null || id.Length < 3 || id.Length > 32)
            {
                return false;
            }

            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && c == '-');
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
