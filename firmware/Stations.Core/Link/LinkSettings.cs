namespace Stations.Core.Link
{
    /// <summary>Everything the connectivity layer is configured with; defaults follow docs/protocol.md and docs/outbox.md.</summary>
    public sealed class LinkSettings
    {
        /// <summary>Station id: MQTT client id, username and topic segment.</summary>
        public string StationId;

        /// <summary>MQTT password (per-station secret), or null.</summary>
        public string Password;

        /// <summary>Firmware version (semver, ≤ 32 chars) for `fw`.</summary>
        public string FirmwareVersion = "0.0.0";

        /// <summary>False keeps the broker session (subscriptions, queued QoS 1 commands) across reconnects.</summary>
        public bool CleanSession;

        /// <summary>Flash the outbox may use (whole 4 KB blocks counted); 1.5 MB suits the 2 MB partition of 8 MB modules.</summary>
        public int OutboxBudgetBytes = Outbox.DefaultBudgetBytes;

        /// <summary>128-byte slots per segment file.</summary>
        public int SlotsPerSegment = Outbox.DefaultSlotsPerSegment;

        /// <summary>Most messages sent per second (replay and live together).</summary>
        public int SendRatePerSecond = 20;

        /// <summary>Most messages sent and not yet acknowledged.</summary>
        public int InFlightWindow = 16;

        /// <summary>Without ack progress for this long, everything unacknowledged is sent again (the gateway may have lost it).</summary>
        public int AckTimeoutMs = 30000;

        /// <summary>First reconnect delay (before jitter); doubles per failed attempt.</summary>
        public int ReconnectBaseMs = 1000;

        /// <summary>Longest reconnect delay (before jitter).</summary>
        public int ReconnectMaxMs = 300000;

        /// <summary>A connection must last this long before the backoff starts again from the base delay.</summary>
        public int StableConnectionMs = 60000;

        /// <summary>Shortest gap between an extra (important-change) telemetry snapshot and the previous snapshot.</summary>
        public int ExtraTelemetryMinIntervalMs = 10000;

        /// <summary>Ack marks are written to flash at most this often (losing them only causes re-sends).</summary>
        public int AckSaveIntervalMs = 10000;

        /// <summary>After a `reboot` command, how long to wait for its result to be acknowledged before rebooting anyway.</summary>
        public int RebootAckWaitMs = 10000;

        /// <summary>Most received messages handled per tick.</summary>
        public int MaxReceivedPerTick = 16;

        /// <summary>A wall-clock change larger than this (against uptime) is reported as `time.synced`.</summary>
        public int ClockStepReportMs = 2000;
    }
}
