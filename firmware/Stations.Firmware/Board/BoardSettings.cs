namespace Stations.Firmware.Board
{
    /// <summary>
    /// Board-level defaults that are not part of the station config: crash-loop limits, storage budget, time servers.
    /// Wi-Fi and broker credentials come from provisioning (docs/flashing.md), never from source.
    /// </summary>
    public static class BoardSettings
    {
        /// <summary>Firmware version reported as `fw` (semver; bump with every release, docs/flashing.md compares it).</summary>
        public const string FirmwareVersion = "1.0.0";

        /// <summary>Boots in a row, each shorter than <see cref="StableUptimeMs"/>, that start crash-loop safe mode.</summary>
        public const int SafeModeAfterQuickBoots = 5;

        /// <summary>A boot that stays up this long (10 min) resets the crash-loop counter.</summary>
        public const long StableUptimeMs = 10 * 60 * 1000;

        /// <summary>
        /// Outbox budget on `I:`: 1.5 MB of the 2 MB LittleFS partition an 8 MB module gets, leaving room for the config,
        /// Wi-Fi/certificate files (con_*.sys) and LittleFS's own copy-on-write blocks.
        /// </summary>
        public const int OutboxBudgetBytes = 1536 * 1024;

        /// <summary>Wi-Fi attempts at boot before the station runs offline (it keeps retrying in the loop).</summary>
        public const int WifiBootAttempts = 3;

        /// <summary>First SNTP server (reachable from mainland China).</summary>
        public const string SntpServer1 = "ntp.aliyun.com";

        /// <summary>Second SNTP server.</summary>
        public const string SntpServer2 = "ntp.tencent.com";

        /// <summary>How long boot waits for the first SNTP answer before going on unsynced.</summary>
        public const int SntpTimeoutMs = 15000;
    }
}
