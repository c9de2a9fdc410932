namespace Stations.Core.Station
{
    /// <summary>
    /// Where station logic reports what happened. Each call becomes one protocol event (docs/protocol.md, "Events");
    /// the connectivity layer stamps the envelope, stores it in the outbox and sends it. Strings are protocol codes.
    /// Implementations must not call back into the station logic.
    /// </summary>
    public interface IEventSink
    {
        /// <summary>`door.open`.</summary>
        void DoorOpened(string doorId);

        /// <summary>`door.close` with how long the door was open.</summary>
        void DoorClosed(string doorId, long openDurationMs);

        /// <summary>`visit`: <paramref name="count"/> visits counted by the given door or beam input.</summary>
        void VisitCounted(string inputId, int count);

        /// <summary>`station.open` / `station.close`; source is `sign` or `schedule`.</summary>
        void StationOpenChanged(bool open, string source);

        /// <summary>`dispense`: a dispense finished; trigger is `button`, `cmd` or `test`.</summary>
        void Dispensed(string dispenserId, double litres, long durationMs, string trigger);

        /// <summary>`outlet.start`; trigger is `plug`, `button` or `cmd`.</summary>
        void OutletStarted(string outletId, string trigger);

        /// <summary>`outlet.stop` with its reason code, energy and duration.</summary>
        void OutletStopped(string outletId, string reason, double energyWh, long durationMs, double maxPowerWatts);

        /// <summary>`safety.trip`: a safety cut; locked true means the device stays off until an explicit reset.</summary>
        void SafetyTripped(string deviceId, string reason, double measuredValue, bool locked);

        /// <summary>`lockout.reset`.</summary>
        void LockoutReset(string deviceId);

        /// <summary>`alarm.raise`; deviceId may be null; hasValue false omits `val`; severity `warn` or `crit`.</summary>
        void AlarmRaised(string code, string deviceId, bool hasValue, double value, string severity);

        /// <summary>`alarm.clear`; deviceId may be null.</summary>
        void AlarmCleared(string code, string deviceId);

        /// <summary>`config.applied` with the new config hash.</summary>
        void ConfigApplied(string configHash);

        /// <summary>`config.rejected` with the refused config's hash and the validator's message.</summary>
        void ConfigRejected(string configHash, string error);
    }
}
