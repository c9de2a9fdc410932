using Stations.Core.Protocol;
using Stations.Core.Station;

namespace Stations.Core.Link
{
    /// <summary>
    /// Turns each station event into its protocol JSON (docs/protocol.md, "Events") and stores it in the outbox, from
    /// where the <see cref="StationLink"/> sends it. Also writes the link's own events: `boot` and `time.synced`.
    /// </summary>
    public sealed class EventEncoder : IEventSink
    {
        private readonly OutboundMessages _messages;

        /// <summary>Creates the encoder over the boot's message builder.</summary>
        public EventEncoder(OutboundMessages messages)
        {
            _messages = messages;
        }

        /// <summary>`boot`: firmware version, reset reason, safe mode and what happened to the store.</summary>
        public void Booted(string firmwareVersion, string reason, bool safeMode, string storeState)
        {
            JsonWriter w = Start(ProtocolCodes.EventBoot);
            w.String("fw", firmwareVersion);
            w.String("reason", reason);
            w.Bool("safe", safeMode);
            w.String("store", storeState);
            Finish();
        }

        /// <summary>`time.synced` with the wall-clock step (0 on the first sync of the boot).</summary>
        public void TimeSynced(long skewMs)
        {
            JsonWriter w = Start(ProtocolCodes.EventTimeSynced);
            w.Int("skewMs", skewMs);
            Finish();
        }

        /// <inheritdoc/>
        public void DoorOpened(string doorId)
        {
            JsonWriter w = Start(ProtocolCodes.EventDoorOpen);
            w.String("dev", doorId);
            Finish();
        }

        /// <inheritdoc/>
        public void DoorClosed(string doorId, long openDurationMs)
        {
            JsonWriter w = Start(ProtocolCodes.EventDoorClose);
            w.String("dev", doorId);
            w.Int("durMs", openDurationMs);
            Finish();
        }

        /// <inheritdoc/>
        public void VisitCounted(string inputId, int count)
        {
            JsonWriter w = Start(ProtocolCodes.EventVisit);
            w.String("dev", inputId);
            w.Int("n", count);
            Finish();
        }

        /// <inheritdoc/>
        public void StationOpenChanged(bool open, string source)
        {
            JsonWriter w = Start(open ? ProtocolCodes.EventStationOpen : ProtocolCodes.EventStationClose);
            w.String("src", source);
            Finish();
        }

        /// <inheritdoc/>
        public void Dispensed(string dispenserId, double litres, long durationMs, string trigger)
        {
            JsonWriter w = Start(ProtocolCodes.EventDispense);
            w.String("dev", dispenserId);
            w.Number("l", litres, 3);
            w.Int("durMs", durationMs);
            w.String("trig", trigger);
            Finish();
        }

        /// <inheritdoc/>
        public void OutletStarted(string outletId, string trigger)
        {
            JsonWriter w = Start(ProtocolCodes.EventOutletStart);
            w.String("dev", outletId);
            w.String("trig", trigger);
            Finish();
        }

        /// <inheritdoc/>
        public void OutletStopped(string outletId, string reason, double energyWh, long durationMs, double maxPowerWatts)
        {
            JsonWriter w = Start(ProtocolCodes.EventOutletStop);
            w.String("dev", outletId);
            w.String("reason", reason);
            w.Number("wh", energyWh, 1);
            w.Int("durMs", durationMs);
            w.Number("maxW", maxPowerWatts, 1);
            Finish();
        }

        /// <inheritdoc/>
        public void SafetyTripped(string deviceId, string reason, double measuredValue, bool locked)
        {
            JsonWriter w = Start(ProtocolCodes.EventSafetyTrip);
            w.String("dev", deviceId);
            w.String("reason", reason);
            w.Number("val", measuredValue, 1);
            w.Bool("lock", locked);
            Finish();
        }

        /// <inheritdoc/>
        public void LockoutReset(string deviceId)
        {
            JsonWriter w = Start(ProtocolCodes.EventLockoutReset);
            w.String("dev", deviceId);
            Finish();
        }

        /// <inheritdoc/>
        public void AlarmRaised(string code, string deviceId, bool hasValue, double value, string severity)
        {
            JsonWriter w = Start(ProtocolCodes.EventAlarmRaise);
            w.String("code", code);
            if (deviceId != null)
            {
                w.String("dev", deviceId);
            }

            if (hasValue)
            {
                w.Number("val", value, 1);
            }

            w.String("sev", severity);
            Finish();
        }

        /// <inheritdoc/>
        public void AlarmCleared(string code, string deviceId)
        {
            JsonWriter w = Start(ProtocolCodes.EventAlarmClear);
            w.String("code", code);
            if (deviceId != null)
            {
                w.String("dev", deviceId);
            }

            Finish();
        }

        /// <inheritdoc/>
        public void ConfigApplied(string configHash)
        {
            JsonWriter w = Start(ProtocolCodes.EventConfigApplied);
            w.String("cfg", configHash);
            Finish();
        }

        /// <inheritdoc/>
        public void ConfigRejected(string configHash, string error)
        {
            JsonWriter w = Start(ProtocolCodes.EventConfigRejected);
            w.String("cfg", configHash);
            w.String("err", error != null && error.Length > 200 ? error.Substring(0, 200) : error);
            Finish();
        }

        private JsonWriter Start(string type)
        {
            JsonWriter w = _messages.Begin();
            w.String("type", type);
            return w;
        }

        private void Finish()
        {
            _messages.Commit(OutboxRecordKind.Event);
        }
    }
}
