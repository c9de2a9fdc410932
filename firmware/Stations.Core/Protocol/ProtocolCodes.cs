namespace Stations.Core.Protocol
{
    /// <summary>
    /// Every fixed string of the MQTT contract v1 (docs/protocol.md): event types, reasons, alarm codes, severities,
    /// command names, result codes, enumerated field values and size limits (topic names: <see cref="Topics"/>). Use these instead of literals so a typo is a build error.
    /// </summary>
    public static class ProtocolCodes
    {
        /// <summary>Schema version written in `v`.</summary>
        public const int SchemaVersion = 1;

        // ---- Size limits in bytes ----

        /// <summary>Largest status or will payload.</summary>
        public const int MaxStatusBytes = 512;
        /// <summary>Largest telemetry payload.</summary>
        public const int MaxTelemetryBytes = 1024;
        /// <summary>Largest event payload.</summary>
        public const int MaxEventBytes = 1024;
        /// <summary>Largest command result payload.</summary>
        public const int MaxCommandResultBytes = 1024;
        /// <summary>Largest command payload.</summary>
        public const int MaxCommandBytes = 8192;
        /// <summary>Largest ack payload.</summary>
        public const int MaxAckBytes = 128;

        // ---- Status ----

        /// <summary>`state` of the birth message.</summary>
        public const string StateOnline = "online";
        /// <summary>`state` of the will / clean shutdown message.</summary>
        public const string StateOffline = "offline";

        // ---- Event types ----

        /// <summary>The station started; all relays are off.</summary>
        public const string EventBoot = "boot";
        /// <summary>A door opened.</summary>
        public const string EventDoorOpen = "door.open";
        /// <summary>A door closed.</summary>
        public const string EventDoorClose = "door.close";
        /// <summary>Visits counted.</summary>
        public const string EventVisit = "visit";
        /// <summary>The station started counting as open.</summary>
        public const string EventStationOpen = "station.open";
        /// <summary>The station stopped counting as open.</summary>
        public const string EventStationClose = "station.close";
        /// <summary>A dispense finished.</summary>
        public const string EventDispense = "dispense";
        /// <summary>A charging session started.</summary>
        public const string EventOutletStart = "outlet.start";
        /// <summary>A charging session ended.</summary>
        public const string EventOutletStop = "outlet.stop";
        /// <summary>A safety cut.</summary>
        public const string EventSafetyTrip = "safety.trip";
        /// <summary>A manager reset a lockout.</summary>
        public const string EventLockoutReset = "lockout.reset";
        /// <summary>An alarm condition began.</summary>
        public const string EventAlarmRaise = "alarm.raise";
        /// <summary>An alarm condition ended.</summary>
        public const string EventAlarmClear = "alarm.clear";
        /// <summary>A new config is in force.</summary>
        public const string EventConfigApplied = "config.applied";
        /// <summary>A pushed config was refused.</summary>
        public const string EventConfigRejected = "config.rejected";
        /// <summary>Outbox records are gone for good.</summary>
        public const string EventOutboxDropped = "outbox.dropped";
        /// <summary>The wall clock was set.</summary>
        public const string EventTimeSynced = "time.synced";

        // ---- boot event: reason and store ----

        /// <summary>Boot reason: power on.</summary>
        public const string BootReasonPower = "power";
        /// <summary>Boot reason: the reboot command.</summary>
        public const string BootReasonRebootCommand = "reboot-cmd";
        /// <summary>Boot reason: watchdog reset.</summary>
        public const string BootReasonWatchdog = "watchdog";
        /// <summary>Boot reason: crash.</summary>
        public const string BootReasonCrash = "crash";
        /// <summary>Boot reason: unknown.</summary>
        public const string BootReasonUnknown = "unknown";
        /// <summary>Store state: mounted fine.</summary>
        public const string StoreOk = "ok";
        /// <summary>Store state: had to be formatted (everything lost).</summary>
        public const string StoreFormatted = "formatted";
        /// <summary>Store state: recovered after damage.</summary>
        public const string StoreRecovered = "recovered";

        // ---- station.open / station.close source ----

        /// <summary>Opening state comes from the sign switch.</summary>
        public const string SourceSign = "sign";
        /// <summary>Opening state comes from the schedule.</summary>
        public const string SourceSchedule = "schedule";

        // ---- Triggers (dispense, outlet.start) ----

        /// <summary>Triggered by a button.</summary>
        public const string TriggerButton = "button";
        /// <summary>Triggered by a command.</summary>
        public const string TriggerCommand = "cmd";
        /// <summary>Dispense triggered by a test.</summary>
        public const string TriggerTest = "test";
        /// <summary>Outlet session triggered by plugging in.</summary>
        public const string TriggerPlug = "plug";

        // ---- outlet.stop reasons ----

        /// <summary>Power fell under the full threshold after charging.</summary>
        public const string StopFull = "full";
        /// <summary>No load drawn.</summary>
        public const string StopNoLoad = "noload";
        /// <summary>Maximum session time reached.</summary>
        public const string StopMaxTime = "maxtime";
        /// <summary>Overload.</summary>
        public const string StopOverload = "overload";
        /// <summary>Over temperature.</summary>
        public const string StopOverTemp = "overtemp";
        /// <summary>Station closed while unattended.</summary>
        public const string StopClosing = "closing";
        /// <summary>Stopped by a command.</summary>
        public const string StopCommand = "cmd";
        /// <summary>Unplugged.</summary>
        public const string StopUnplug = "unplug";
        /// <summary>The power meter failed.</summary>
        public const string StopMeterFault = "meter-fault";
        /// <summary>The energy budget ran out.</summary>
        public const string StopBudget = "budget";

        // ---- safety.trip reasons ----

        /// <summary>Socket over temperature.</summary>
        public const string TripOverTemp = "overtemp";
        /// <summary>Outlet overload.</summary>
        public const string TripOverload = "overload";
        /// <summary>A valve stayed open too long.</summary>
        public const string TripValveTimeout = "valve-timeout";
        /// <summary>A relay does not release.</summary>
        public const string TripRelayStuck = "relay-stuck";

        // ---- Alarm codes ----

        /// <summary>A door stayed open too long.</summary>
        public const string AlarmDoorLeftOpen = "door.left-open";
        /// <summary>Temperature too high.</summary>
        public const string AlarmTempHigh = "temp.high";
        /// <summary>Temperature too low.</summary>
        public const string AlarmTempLow = "temp.low";
        /// <summary>A probe fails.</summary>
        public const string AlarmProbeFault = "probe.fault";
        /// <summary>A dispenser ran dry.</summary>
        public const string AlarmDispenserDry = "dispenser.dry";
        /// <summary>A dispenser leaks.</summary>
        public const string AlarmDispenserLeak = "dispenser.leak";
        /// <summary>A dispenser reached its daily limit.</summary>
        public const string AlarmDispenserDailyLimit = "dispenser.daily-limit";
        /// <summary>An outlet is getting hot.</summary>
        public const string AlarmOutletOverTempWarn = "outlet.overtemp-warn";
        /// <summary>An outlet is locked out.</summary>
        public const string AlarmOutletLockout = "outlet.lockout";
        /// <summary>An outlet's power meter fails.</summary>
        public const string AlarmOutletMeterFault = "outlet.meter-fault";
        /// <summary>A relay does not release.</summary>
        public const string AlarmRelayStuck = "relay.stuck";
        /// <summary>The outbox is full.</summary>
        public const string AlarmOutboxFull = "outbox.full";
        /// <summary>The station runs in crash-loop safe mode.</summary>
        public const string AlarmSafeMode = "safe-mode";

        // ---- Severities ----

        /// <summary>Warning.</summary>
        public const string SeverityWarn = "warn";
        /// <summary>Critical.</summary>
        public const string SeverityCrit = "crit";

        // ---- outbox.dropped reasons ----

        /// <summary>The outbox was full.</summary>
        public const string DropFull = "full";
        /// <summary>A corrupt record was found.</summary>
        public const string DropCorrupt = "corrupt";

        // ---- Telemetry values ----

        /// <summary>Probe reading too old.</summary>
        public const string ProbeStale = "stale";
        /// <summary>Probe failing.</summary>
        public const string ProbeFault = "fault";
        /// <summary>Dispenser fine.</summary>
        public const string DispenserOk = "ok";
        /// <summary>Dispenser dry.</summary>
        public const string DispenserDry = "dry";
        /// <summary>Dispenser leaking.</summary>
        public const string DispenserLeak = "leak";
        /// <summary>Dispenser disabled.</summary>
        public const string DispenserDisabled = "disabled";
        /// <summary>Outlet idle.</summary>
        public const string OutletIdle = "idle";
        /// <summary>Outlet charging.</summary>
        public const string OutletOn = "on";
        /// <summary>Outlet disabled.</summary>
        public const string OutletDisabled = "disabled";
        /// <summary>Outlet locked out.</summary>
        public const string OutletLocked = "locked";
        /// <summary>HVAC relay heating.</summary>
        public const string HvacHeat = "heat";
        /// <summary>HVAC relay cooling.</summary>
        public const string HvacCool = "cool";

        // ---- Command names ----

        /// <summary>Stop any session and refuse new ones.</summary>
        public const string CommandOutletDisable = "outlet.disable";
        /// <summary>Allow sessions again.</summary>
        public const string CommandOutletEnable = "outlet.enable";
        /// <summary>Start a session now.</summary>
        public const string CommandOutletStart = "outlet.start";
        /// <summary>Stop the session.</summary>
        public const string CommandOutletStop = "outlet.stop";
        /// <summary>Clear a lockout.</summary>
        public const string CommandOutletResetLockout = "outlet.reset-lockout";
        /// <summary>Open a valve briefly.</summary>
        public const string CommandDispenseTest = "dispense.test";
        /// <summary>Validate and apply a config.</summary>
        public const string CommandConfigSet = "config.set";
        /// <summary>Reboot cleanly.</summary>
        public const string CommandReboot = "reboot";
        /// <summary>Run the self test.</summary>
        public const string CommandSelfTest = "selftest";
        /// <summary>Report firmware, config and boot.</summary>
        public const string CommandVersion = "version";

        // ---- Command result codes ----

        /// <summary>Executed.</summary>
        public const string ResultDone = "done";
        /// <summary>`exp` was in the past.</summary>
        public const string ResultExpired = "expired";
        /// <summary>Clock not synced for a command that switches something on.</summary>
        public const string ResultNoTime = "no-time";
        /// <summary>Not in the catalogue.</summary>
        public const string ResultUnknownCommand = "unknown-command";
        /// <summary>An argument is missing or wrong.</summary>
        public const string ResultBadArgs = "bad-args";
        /// <summary>No such device.</summary>
        public const string ResultUnknownDevice = "unknown-device";
        /// <summary>A lockout prevents it.</summary>
        public const string ResultLocked = "locked";
        /// <summary>The state does not allow it.</summary>
        public const string ResultRefused = "refused";
        /// <summary>Tried and failed.</summary>
        public const string ResultFailed = "failed";

        // ---- Gateway dead-letter reasons (prefixes end with ": " and are followed by the field, path or type) ----

        /// <summary>Payload over its topic's size limit.</summary>
        public const string DeadLetterTooLarge = "too-large";
        /// <summary>Payload is not well-formed JSON.</summary>
        public const string DeadLetterNotJson = "not-json";
        /// <summary>An envelope field is missing or wrong.</summary>
        public const string DeadLetterBadEnvelopePrefix = "bad-envelope: ";
        /// <summary>A body field is missing or wrong.</summary>
        public const string DeadLetterBadFieldPrefix = "bad-field: ";
        /// <summary>Unknown event type.</summary>
        public const string DeadLetterUnknownTypePrefix = "unknown-type: ";
        /// <summary>Published on a topic the station may not use.</summary>
        public const string DeadLetterBadTopic = "bad-topic";
    }
}
