namespace Stations.Core.Station
{
    /// <summary>
    /// What every device of one station shares during a tick: the time, whether the station is open and staffed,
    /// the event sink, the since-boot counters and the "important change" flag. Owned by <see cref="StationController"/>.
    /// </summary>
    public sealed class StationContext
    {
        /// <summary>Creates a context reporting to <paramref name="events"/>.</summary>
        public StationContext(IEventSink events)
        {
            Events = events;
        }

        /// <summary>Where devices report.</summary>
        public readonly IEventSink Events;

        /// <summary>Where a new lockout is saved before it is reported; null keeps lockouts in RAM only.</summary>
        public ILockoutStore Lockouts;

        /// <summary>How many lockout saves or clears failed since boot (the outlet stays locked; the self-test reports it).</summary>
        public int LockoutSaveFailures;

        /// <summary>Uptime of the current tick.</summary>
        public long NowMs;

        /// <summary>The station counts as open.</summary>
        public bool Open = true;

        /// <summary>Staff are expected during opening hours (config `attended`).</summary>
        public bool Attended = true;

        /// <summary>Nobody is expected on site: the station is unattended by config, or closed.</summary>
        public bool Unattended { get { return !Attended || !Open; } }

        /// <summary>New charging sessions may start (not closed-while-unattended, not safe mode, under budget).</summary>
        public bool SessionsAllowed = true;

        /// <summary>Reason a session start is refused, for command details.</summary>
        public string SessionsRefusedBecause;

        /// <summary>Station-local day number (days since 1970 in local time) when synced, else uptime days.</summary>
        public long Day;

        /// <summary>Visits counted since boot.</summary>
        public long Visits;

        /// <summary>Litres dispensed since boot.</summary>
        public double Litres;

        /// <summary>Charging sessions ended since boot.</summary>
        public long Sessions;

        /// <summary>Energy delivered through outlets since boot.</summary>
        public double EnergyWh;

        /// <summary>Set when a door, outlet, alarm or open state changed; cleared by the link after an extra snapshot.</summary>
        public bool ImportantChange;

        /// <summary>Raises an alarm and marks the change important.</summary>
        public void Raise(string code, string deviceId, bool hasValue, double value, string severity)
        {
            Events.AlarmRaised(code, deviceId, hasValue, value, severity);
            ImportantChange = true;
        }

        /// <summary>Clears an alarm and marks the change important.</summary>
        public void Clear(string code, string deviceId)
        {
            Events.AlarmCleared(code, deviceId);
            ImportantChange = true;
        }
    }
}
