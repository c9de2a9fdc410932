using System.Collections;
using Stations.Core.Hardware;
using Stations.Core.Protocol;

namespace Stations.Core.Station
{
    /// <summary>
    /// Every decision a station makes, driven by <see cref="Tick"/> (about every 100 ms) on <see cref="IClock.UptimeMs"/>:
    /// doors, visits, open state, dispensers, climate, heating/cooling and charging outlets, commands and config changes.
    /// No threads; no allocation on a steady tick. After construction every relay is off; only outlet lockouts are restored
    /// (from <see cref="LockoutStore"/>).
    /// </summary>
    public sealed class StationController
    {
        /// <summary>Over budget this long cuts the newest session (reason `budget`).</summary>
        public const int BudgetGraceMs = 10000;

        /// <summary>Device id of the flash store's line in a self-test report.</summary>
        public const string SelfTestStoreId = "store";

        /// <summary>How long a board holds each relay closed in the self-test, ms (set <see cref="SelfTestClickMs"/> to it on the ESP32).</summary>
        public const int BoardSelfTestClickMs = 50;

        /// <summary>`dispense.test` duration when `ms` is absent.</summary>
        public const int DefaultTestMs = 2000;

        private readonly IClock _clock;
        private readonly IEventSink _events;
        private readonly IHardwareFactory _hardware;
        private readonly bool _safeMode;
        private readonly StationContext _ctx;
        private StationConfig _config;

        private DoorContact[] _doors;
        private VisitBeam _beam;
        private DebouncedInput _sign;
        private WaterDispenser[] _dispensers;
        private ClimateProbe[] _probes;
        private HvacThermostat[] _hvac;
        private ChargingOutlet[] _outlets;

        private bool _started;
        private bool _openKnown;
        private long _overBudgetSinceMs = -1;
        private bool _rebootRequested;
        private int _refusalReason;
        private bool _lockoutAlarmsPending;

        /// <summary>Creates a controller in normal mode.</summary>
        public StationController(IClock clock, IEventSink events, IHardwareFactory hardware, StationConfig config)
            : this(clock, events, hardware, config, false)
        {
        }

        /// <summary>Creates a controller; <paramref name="safeMode"/> (crash loop) keeps every outlet disabled.</summary>
        public StationController(IClock clock, IEventSink events, IHardwareFactory hardware, StationConfig config, bool safeMode)
        {
            _clock = clock;
            _events = events;
            _hardware = hardware;
            _safeMode = safeMode;
            _ctx = new StationContext(events);
            _ctx.NowMs = clock.UptimeMs;
            Build(config);
        }

        /// <summary>The config in force.</summary>
        public StationConfig Config { get { return _config; } }

        /// <summary>True when started in crash-loop safe mode: all outlets disabled.</summary>
        public bool SafeMode { get { return _safeMode; } }

        /// <summary>Where `config.set` persists an accepted config; when null, `config.set` fails and keeps the old one.</summary>
        public IConfigStore ConfigStore { get; set; }

        /// <summary>The flash check the self-test runs (null: the self-test reports the store as not checked).</summary>
        public IStoreCheck StoreCheck { get; set; }

        /// <summary>How long the self-test holds each relay closed, ms: 0 (a pulse) unless the board sets <see cref="BoardSelfTestClickMs"/>.</summary>
        public int SelfTestClickMs { get; set; }

        /// <summary>
        /// Where outlet lockouts persist across reboots and config changes. Setting it locks out every outlet the store
        /// names (relay off, `outlet.lockout` raised again on the first tick); a new lockout is saved before it is reported
        /// and `outlet.reset-lockout` clears it there first. When null, lockouts live in RAM only.
        /// </summary>
        public ILockoutStore LockoutStore
        {
            get { return _ctx.Lockouts; }
            set
            {
                _ctx.Lockouts = value;
                RestoreLockouts();
            }
        }

        /// <summary>How many lockout saves or clears failed since boot (each outlet concerned stayed locked).</summary>
        public int LockoutSaveFailures { get { return _ctx.LockoutSaveFailures; } }

        /// <summary>Set by the `reboot` command once every relay is off: the link publishes the result, then reboots.</summary>
        public bool RebootRequested { get { return _rebootRequested; } }

        /// <summary>A door/outlet/alarm/open state changed since the last <see cref="ClearImportantChange"/>.</summary>
        public bool ImportantChangePending { get { return _ctx.ImportantChange; } }

        /// <summary>The station counts as open now (sign switch if fitted, else the schedule; open while the clock is unsynced).</summary>
        public bool IsOpen { get { return _ctx.Open; } }

        /// <summary>Counters and shared state (tests and the simulator read them).</summary>
        public StationContext Context { get { return _ctx; } }

        /// <summary>The outlets, in config order.</summary>
        public ChargingOutlet[] Outlets { get { return _outlets; } }

        /// <summary>The dispensers, in config order.</summary>
        public WaterDispenser[] Dispensers { get { return _dispensers; } }

        /// <summary>The heating/cooling thermostats, in config order.</summary>
        public HvacThermostat[] Hvac { get { return _hvac; } }

        /// <summary>The climate probes, in config order.</summary>
        public ClimateProbe[] Probes { get { return _probes; } }

        /// <summary>The doors, in config order.</summary>
        public DoorContact[] Doors { get { return _doors; } }

        /// <summary>Acknowledges <see cref="ImportantChangePending"/>.</summary>
        public void ClearImportantChange()
        {
            _ctx.ImportantChange = false;
        }

        private void Build(StationConfig config)
        {
            _config = config;
            long now = _ctx.NowMs;
            _ctx.Attended = config.Attended;
            UpdateDay();

            _sign = config.Sign == null ? null : new DebouncedInput(_hardware.CreateInput(config.Sign.Id, "sign", config.Sign.Pin), config.Sign.DebounceMs, now);
            _beam = config.Beam == null ? null : new VisitBeam(config.Beam, new DebouncedInput(_hardware.CreateInput(config.Beam.Id, "beam", config.Beam.Pin), config.Beam.DebounceMs, now));

            _doors = new DoorContact[config.Doors.Length];
            for (int i = 0; i < _doors.Length; i++)
            {
                DoorConfig d = config.Doors[i];
                _doors[i] = new DoorContact(d, new DebouncedInput(_hardware.CreateInput(d.Id, "contact", d.Pin), d.DebounceMs, now), _beam == null, now);
            }

            _dispensers = new WaterDispenser[config.Dispensers.Length];
            for (int i = 0; i < _dispensers.Length; i++)
            {
                DispenserConfig d = config.Dispensers[i];
                Relay valve = new Relay(_hardware.CreateOutput(d.Id, "valve", d.ValvePin), d.MinSwitchMs, now);
                DebouncedInput button = d.ButtonPin < 0 ? null : new DebouncedInput(_hardware.CreateInput(d.Id, "button", d.ButtonPin), 50, now);
                IPulseCounter flow = d.FlowPin < 0 ? null : _hardware.CreatePulseCounter(d.Id, d.FlowPin);
                _dispensers[i] = new WaterDispenser(d, valve, button, flow, _ctx);
            }

            _probes = new ClimateProbe[config.Probes.Length];
            for (int i = 0; i < _probes.Length; i++)
            {
                ClimateProbeConfig p = config.Probes[i];
                _probes[i] = new ClimateProbe(p, _hardware.CreateClimateSensor(p.Id, p.Pin, p.Pin2), now);
            }

            _hvac = new HvacThermostat[config.Hvac.Length];
            for (int i = 0; i < _hvac.Length; i++)
            {
                HvacConfig h = config.Hvac[i];
                Relay relay = new Relay(_hardware.CreateOutput(h.Id, "hvac", h.Pin), h.MinOffSeconds * 1000, now);
                _hvac[i] = new HvacThermostat(h, relay, _probes[FindProbe(h.Probe)]);
            }

            _outlets = new ChargingOutlet[config.Outlets.Length];
            for (int i = 0; i < _outlets.Length; i++)
            {
                OutletConfig o = config.Outlets[i];
                Relay relay = new Relay(_hardware.CreateOutput(o.Id, "relay", o.RelayPin), o.MinSwitchMs, now);
                ITemperatureProbe probe = o.TempPin < 0 ? null : _hardware.CreateTemperatureProbe(o.Id, o.TempPin);
                DebouncedInput button = o.ButtonPin < 0 ? null : new DebouncedInput(_hardware.CreateInput(o.Id, "button", o.ButtonPin), 50, now);
                _outlets[i] = new ChargingOutlet(o, relay, _hardware.CreatePowerMeter(o.Id, o.MeterAddress), probe, button, _safeMode, now);
            }

            _overBudgetSinceMs = -1;
            _openKnown = false;
            _refusalReason = -1;
            RestoreLockouts();
        }

        private void RestoreLockouts()
        {
            ILockoutStore store = _ctx.Lockouts;
            if (store == null)
            {
                return;
            }

            for (int i = 0; i < _outlets.Length; i++)
            {
                if (!_outlets[i].IsLocked && store.IsLocked(_outlets[i].Id))
                {
                    _outlets[i].RestoreLockout(_ctx);
                    _lockoutAlarmsPending = true;
                }
            }
        }

        private void RaiseRestoredLockouts()
        {
            // Raised on a tick, not at construction: the link reports its `boot` event first.
            _lockoutAlarmsPending = false;
            for (int i = 0; i < _outlets.Length; i++)
            {
                if (_outlets[i].IsLocked)
                {
                    _ctx.Raise(ProtocolCodes.AlarmOutletLockout, _outlets[i].Id, false, 0, ProtocolCodes.SeverityCrit);
                }
            }
        }

        private int FindProbe(string id)
        {
            for (int i = 0; i < _probes.Length; i++)
            {
                if (_probes[i].Id == id)
                {
                    return i;
                }
            }

            return -1;
        }

        private void UpdateDay()
        {
            long now = _ctx.NowMs;
            if (_clock.IsSynced)
            {
                _ctx.Day = OpeningHours.FloorDiv(_clock.UtcNowMs + (_config.UtcOffsetMinutes * 60000L), 86400000L);
            }
            else
            {
                // Unsynced: uptime days, offset so they never collide with calendar days.
                _ctx.Day = -1 - (now / 86400000L);
            }
        }

        /// <summary>Runs one control step: reads inputs, applies every rule, drives the relays. Call about every 100 ms.</summary>
        public void Tick()
        {
            long now = _clock.UptimeMs;
            if (now > _ctx.NowMs)
            {
                _ctx.NowMs = now;
            }

            if (!_started)
            {
                _started = true;
                if (_safeMode)
                {
                    _ctx.Raise(ProtocolCodes.AlarmSafeMode, null, false, 0, ProtocolCodes.SeverityCrit);
                }
            }

            if (_lockoutAlarmsPending)
            {
                RaiseRestoredLockouts();
            }

            UpdateDay();
            UpdateOpen();
            UpdateSessionsAllowed();

            for (int i = 0; i < _doors.Length; i++) { _doors[i].Tick(_ctx); }
            if (_beam != null) { _beam.Tick(_ctx); }
            for (int i = 0; i < _dispensers.Length; i++) { _dispensers[i].Tick(_ctx); }
            for (int i = 0; i < _probes.Length; i++) { _probes[i].Tick(_ctx); }
            for (int i = 0; i < _hvac.Length; i++) { _hvac[i].Tick(_ctx); }
            for (int i = 0; i < _outlets.Length; i++) { _outlets[i].Tick(_ctx); }

            CheckBudget();
        }

        private void UpdateOpen()
        {
            bool open;
            string source;
            if (_sign != null)
            {
                _sign.Update(_ctx.NowMs);
                open = _sign.IsActive;
                source = ProtocolCodes.SourceSign;
            }
            else
            {
                // Without a synced clock the schedule is unknown: count as open rather than cut outlets on a guess.
                open = !_clock.IsSynced || _config.Hours.IsOpenAtLocalMs(_clock.UtcNowMs + (_config.UtcOffsetMinutes * 60000L));
                source = ProtocolCodes.SourceSchedule;
            }

            if (!_openKnown)
            {
                // The first state after boot or a config change is reported by telemetry, not as a change.
                _openKnown = true;
                _ctx.Open = open;
                return;
            }

            if (open != _ctx.Open)
            {
                _ctx.Open = open;
                _ctx.ImportantChange = true;
                _events.StationOpenChanged(open, source);
            }
        }

        private void UpdateSessionsAllowed()
        {
            // 0 allowed, 1 safe mode, 2 closed and unattended, 3 over budget. The reason text is built only on a change.
            int reason = 0;
            if (_safeMode) { reason = 1; }
            else if (!_ctx.Open && !_ctx.Attended) { reason = 2; }
            else if (TotalOutletPowerW() >= _config.PowerBudgetWatts) { reason = 3; }

            if (reason != _refusalReason)
            {
                _refusalReason = reason;
                _ctx.SessionsAllowed = reason == 0;
                _ctx.SessionsRefusedBecause = reason == 0 ? null
                    : reason == 1 ? "safe mode: outlets stay disabled until a normal boot"
                    : reason == 2 ? "station closed and unattended"
                    : "station power budget of " + NumberText.Format(_config.PowerBudgetWatts) + " W reached";
            }

            if (reason == 2)
            {
                for (int i = 0; i < _outlets.Length; i++)
                {
                    _outlets[i].Stop(ProtocolCodes.StopClosing, _ctx);
                }
            }
        }

        private double TotalOutletPowerW()
        {
            double sum = 0;
            for (int i = 0; i < _outlets.Length; i++)
            {
                sum += _outlets[i].PowerNowW;
            }

            return sum;
        }

        private void CheckBudget()
        {
            if (TotalOutletPowerW() <= _config.PowerBudgetWatts)
            {
                _overBudgetSinceMs = -1;
                return;
            }

            if (_overBudgetSinceMs < 0)
            {
                _overBudgetSinceMs = _ctx.NowMs;
                return;
            }

            if (_ctx.NowMs - _overBudgetSinceMs < BudgetGraceMs)
            {
                return;
            }

            // Cut the newest session: the last one in brought the station over.
            ChargingOutlet newest = null;
            for (int i = 0; i < _outlets.Length; i++)
            {
                ChargingOutlet o = _outlets[i];
                if (o.IsCharging && (newest == null || o.SessionStartMs > newest.SessionStartMs))
                {
                    newest = o;
                }
            }

            if (newest != null)
            {
                newest.Stop(ProtocolCodes.StopBudget, _ctx);
            }

            _overBudgetSinceMs = -1;
        }

        /// <summary>Writes the telemetry body fields of docs/protocol.md: `open`, `cnt`, `clim`, `door`, `disp`, `out`, `hvac`.</summary>
        public void WriteTelemetryBody(JsonWriter w)
        {
            w.Bool("open", _ctx.Open);
            w.BeginObject("cnt");
            w.Int("vis", _ctx.Visits);
            w.Number("l", _ctx.Litres, 3);
            w.Int("ses", _ctx.Sessions);
            w.Number("wh", _ctx.EnergyWh, 1);
            w.EndObject();

            w.BeginArray("clim");
            for (int i = 0; i < _probes.Length; i++) { _probes[i].WriteTelemetry(w); }
            w.EndArray();

            w.BeginArray("door");
            for (int i = 0; i < _doors.Length; i++)
            {
                w.BeginObject();
                w.String("id", _doors[i].Id);
                w.Bool("open", _doors[i].IsOpen);
                w.EndObject();
            }

            w.EndArray();

            w.BeginArray("disp");
            for (int i = 0; i < _dispensers.Length; i++) { _dispensers[i].WriteTelemetry(w); }
            w.EndArray();

            w.BeginArray("out");
            for (int i = 0; i < _outlets.Length; i++) { _outlets[i].WriteTelemetry(w); }
            w.EndArray();

            if (_hvac.Length > 0)
            {
                w.BeginArray("hvac");
                for (int i = 0; i < _hvac.Length; i++) { _hvac[i].WriteTelemetry(w); }
                w.EndArray();
            }
        }

        /// <summary>
        /// Runs a command of docs/protocol.md (all but `version`, which the link answers). Commands that switch something
        /// on are refused with `no-time` while the clock is unsynced. Unknown names give `unknown-command`.
        /// </summary>
        public void Execute(string commandName, CommandArgs args, CommandResult result)
        {
            result.Clear();
            _ctx.NowMs = _clock.UptimeMs > _ctx.NowMs ? _clock.UptimeMs : _ctx.NowMs;
            if (commandName == ProtocolCodes.CommandOutletDisable || commandName == ProtocolCodes.CommandOutletEnable
                || commandName == ProtocolCodes.CommandOutletStart || commandName == ProtocolCodes.CommandOutletStop
                || commandName == ProtocolCodes.CommandOutletResetLockout)
            {
                ExecuteOutlet(commandName, args, result);
            }
            else if (commandName == ProtocolCodes.CommandDispenseTest)
            {
                ExecuteDispenseTest(args, result);
            }
            else if (commandName == ProtocolCodes.CommandConfigSet)
            {
                ExecuteConfigSet(args, result);
            }
            else if (commandName == ProtocolCodes.CommandReboot)
            {
                AllOff();
                _rebootRequested = true;
                result.Set(ProtocolCodes.ResultDone, "relays off; rebooting");
            }
            else if (commandName == ProtocolCodes.CommandSelfTest)
            {
                ExecuteSelfTest(result);
            }
            else
            {
                result.Set(ProtocolCodes.ResultUnknownCommand, "'" + commandName + "' is not a command of protocol v1");
            }
        }

        private void ExecuteOutlet(string name, CommandArgs args, CommandResult result)
        {
            if (args == null || args.Device == null)
            {
                result.Set(ProtocolCodes.ResultBadArgs, "dev: missing; name the outlet, e.g. \"ebike1\"");
                return;
            }

            ChargingOutlet outlet = null;
            for (int i = 0; i < _outlets.Length; i++)
            {
                if (_outlets[i].Id == args.Device)
                {
                    outlet = _outlets[i];
                }
            }

            if (outlet == null)
            {
                result.Set(ProtocolCodes.ResultUnknownDevice, "dev: '" + args.Device + "' is not an outlet of this station");
                return;
            }

            if ((name == ProtocolCodes.CommandOutletStart || name == ProtocolCodes.CommandOutletEnable) && !_clock.IsSynced)
            {
                result.Set(ProtocolCodes.ResultNoTime, "station clock not synced; commands that switch on wait for time");
                return;
            }

            string why;
            if (name == ProtocolCodes.CommandOutletDisable)
            {
                outlet.Disable(_ctx);
                result.Set(ProtocolCodes.ResultDone, outlet.Id + " disabled");
            }
            else if (name == ProtocolCodes.CommandOutletEnable)
            {
                why = outlet.Enable(_ctx);
                if (why != null)
                {
                    result.Set(ProtocolCodes.ResultRefused, why);
                }
                else
                {
                    result.Set(ProtocolCodes.ResultDone, outlet.IsLocked ? outlet.Id + " enabled; still locked out until outlet.reset-lockout" : outlet.Id + " enabled");
                }
            }
            else if (name == ProtocolCodes.CommandOutletStart)
            {
                string code = outlet.Start(args.MaxMinutes, _ctx, out why);
                result.Set(code, why);
            }
            else if (name == ProtocolCodes.CommandOutletStop)
            {
                result.Set(ProtocolCodes.ResultDone, outlet.StopByCommand(_ctx) ? outlet.Id + " stopped" : outlet.Id + " had no session");
            }
            else
            {
                why = outlet.WhyNotResetLockout();
                if (why == null && _ctx.Lockouts != null && !_ctx.Lockouts.TrySave(outlet.Id, false))
                {
                    // Not cleared in flash: the next boot would lock it again, so refuse rather than half-reset.
                    _ctx.LockoutSaveFailures++;
                    result.Set(ProtocolCodes.ResultFailed, "store: could not clear the saved lockout of " + outlet.Id + "; still locked out (check the flash store, then retry)");
                    return;
                }

                why = why != null ? why : outlet.ResetLockout(_ctx);
                if (why != null)
                {
                    result.Set(ProtocolCodes.ResultRefused, why);
                }
                else
                {
                    result.Set(ProtocolCodes.ResultDone, outlet.Id + " lockout reset");
                }
            }
        }

        private void ExecuteDispenseTest(CommandArgs args, CommandResult result)
        {
            if (args == null || args.Device == null)
            {
                result.Set(ProtocolCodes.ResultBadArgs, "dev: missing; name the dispenser, e.g. \"water1\"");
                return;
            }

            WaterDispenser dispenser = null;
            for (int i = 0; i < _dispensers.Length; i++)
            {
                if (_dispensers[i].Id == args.Device)
                {
                    dispenser = _dispensers[i];
                }
            }

            if (dispenser == null)
            {
                result.Set(ProtocolCodes.ResultUnknownDevice, "dev: '" + args.Device + "' is not a dispenser of this station");
                return;
            }

            int ms = args.Milliseconds == -1 ? DefaultTestMs : args.Milliseconds;
            if (ms < 100 || ms > dispenser.MaxValveMs)
            {
                result.Set(ProtocolCodes.ResultBadArgs, "ms: " + ms.ToString() + " is out of range; use 100.." + dispenser.MaxValveMs.ToString());
                return;
            }

            if (!_clock.IsSynced)
            {
                result.Set(ProtocolCodes.ResultNoTime, "station clock not synced; commands that switch on wait for time");
                return;
            }

            string why = dispenser.StartTest(ms, _ctx);
            if (why != null)
            {
                result.Set(ProtocolCodes.ResultRefused, why);
            }
            else
            {
                result.Set(ProtocolCodes.ResultDone, dispenser.Id + " valve open for " + ms.ToString() + " ms");
            }
        }

        private void ExecuteConfigSet(CommandArgs args, CommandResult result)
        {
            if (args == null || args.ConfigJson == null || args.ConfigLength <= 0)
            {
                result.Set(ProtocolCodes.ResultBadArgs, "config: missing; send the full station config object");
                return;
            }

            byte[] json = args.ConfigJson;
            int offset = args.ConfigOffset;
            int count = args.ConfigLength;
            StationConfig parsed;
            string error;
            if (!StationConfig.TryParse(json, offset, count, out parsed, out error))
            {
                Reject(json, offset, count, error, ProtocolCodes.ResultBadArgs, result);
                return;
            }

            if (parsed.StationId != _config.StationId)
            {
                Reject(json, offset, count, "stationId: '" + parsed.StationId + "' is not this station ('" + _config.StationId + "'); send this station's own config", ProtocolCodes.ResultBadArgs, result);
                return;
            }

            if (parsed.Hash == _config.Hash)
            {
                result.Set(ProtocolCodes.ResultDone, "config " + parsed.Hash + " already in force");
                return;
            }

            if (ConfigStore == null || !ConfigStore.TrySaveConfig(json, offset, count))
            {
                Reject(json, offset, count, "store: could not save the config; the old one stays (check the flash store)", ProtocolCodes.ResultFailed, result);
                return;
            }

            AllOff();
            Build(parsed);
            _ctx.ImportantChange = true;
            _events.ConfigApplied(parsed.Hash);
            result.Set(ProtocolCodes.ResultDone, "config " + parsed.Hash + " applied");
        }

        private void Reject(byte[] json, int offset, int count, string error, string code, CommandResult result)
        {
            _events.ConfigRejected(Crc32.ToHex(Crc32.Compute(json, offset, count)), error);
            result.Set(code, error);
        }

        /// <summary>
        /// `selftest`: reads every input now, reports every probe's last read, clicks each relay that is safe to click
        /// (valves when idle, outlets only unloaded, hvac when off and its compressor interval allows), and writes and
        /// reads the flash store. A relay that could not be clicked fails with the reason and the fix.
        /// </summary>
        private void ExecuteSelfTest(CommandResult result)
        {
            ArrayList items = new ArrayList();
            long now = _ctx.NowMs;
            for (int i = 0; i < _doors.Length; i++)
            {
                items.Add(new SelfTestItem(_doors[i].Id, true, _doors[i].Contact.ReadRaw() ? "contact reads open" : "contact reads closed"));
            }

            if (_sign != null)
            {
                items.Add(new SelfTestItem(_config.Sign.Id, true, _sign.ReadRaw() ? "switch reads open" : "switch reads closed"));
            }

            if (_beam != null)
            {
                items.Add(new SelfTestItem(_beam.Id, true, _beam.Input.ReadRaw() ? "beam reads broken" : "beam reads clear"));
            }

            for (int i = 0; i < _probes.Length; i++)
            {
                ClimateProbe p = _probes[i];
                // A DHT22 must not be read out of turn: report the last reads instead.
                string detail = p.IsFaulted ? "probe not answering" : p.IsFresh ? NumberText.Format(p.TemperatureC) + " C, " + NumberText.Format(p.HumidityPercent) + " %" : "no recent reading";
                items.Add(new SelfTestItem(p.Id, p.IsFresh, detail));
            }

            for (int i = 0; i < _dispensers.Length; i++)
            {
                items.Add(SelfTestValve(_dispensers[i], now));
            }

            for (int i = 0; i < _outlets.Length; i++)
            {
                items.Add(_outlets[i].SelfTestWithClick(now, SelfTestClickMs));
            }

            for (int i = 0; i < _hvac.Length; i++)
            {
                items.Add(SelfTestHvac(_hvac[i], now));
            }

            string storeDetail = "no store check on this board";
            bool storeOk = StoreCheck != null && StoreCheck.TryWriteAndRead(out storeDetail);

            items.Add(new SelfTestItem(SelfTestStoreId, storeOk, storeDetail));

            int failed = 0;
            for (int i = 0; i < items.Count; i++)
            {
                if (!((SelfTestItem)items[i]).Ok)
                {
                    failed++;
                }
            }

            int total = items.Count;
            int omitted = SelfTestBudget.Fit(items);
            result.SelfTestItems = items;
            string summary = failed == 0 ? "all " + total.ToString() + " checks pass" : failed.ToString() + " of " + total.ToString() + " checks fail; see items";
            result.Set(ProtocolCodes.ResultDone, omitted > 0 ? summary + " (" + omitted.ToString() + " passing not listed)" : summary);
        }

        private SelfTestItem SelfTestValve(WaterDispenser dispenser, long now)
        {
            string state = dispenser.State;
            Relay valve = dispenser.Valve;
            if (_safeMode)
            {
                return new SelfTestItem(dispenser.Id, false, "not clicked: safe mode");
            }

            if (state == ProtocolCodes.DispenserLeak)
            {
                return new SelfTestItem(dispenser.Id, false, "not clicked: leak alarm; check the valve and pipes");
            }

            if (valve.IsOn)
            {
                return new SelfTestItem(dispenser.Id, false, "not clicked: dispensing; retry when idle");
            }

            if (!valve.Click(now, SelfTestClickMs))
            {
                return new SelfTestItem(dispenser.Id, false, "not clicked: retry in " + ((valve.MsUntilCanTurnOn(now) + 999) / 1000).ToString() + " s");
            }

            return new SelfTestItem(dispenser.Id, state == ProtocolCodes.DispenserOk, "valve clicked, state " + state);
        }

        private SelfTestItem SelfTestHvac(HvacThermostat hvac, long now)
        {
            Relay relay = hvac.Relay;
            if (_safeMode)
            {
                return new SelfTestItem(hvac.Id, false, "not clicked: safe mode");
            }

            if (relay.IsOn)
            {
                // Opening a running compressor just to test it would break its minimum run time.
                return new SelfTestItem(hvac.Id, true, "running, relay on; not clicked");
            }

            if (!relay.Click(now, SelfTestClickMs))
            {
                return new SelfTestItem(hvac.Id, false, "not clicked: compressor wait, retry in " + ((relay.MsUntilCanTurnOn(now) + 999) / 1000).ToString() + " s");
            }

            return new SelfTestItem(hvac.Id, true, "relay clicked");
        }

        /// <summary>Every relay off now (reboot, config change); running sessions end with reason `cmd`.</summary>
        private void AllOff()
        {
            for (int i = 0; i < _outlets.Length; i++) { _outlets[i].Shutdown(_ctx); }
            for (int i = 0; i < _dispensers.Length; i++) { _dispensers[i].Shutdown(_ctx); }
            for (int i = 0; i < _hvac.Length; i++) { _hvac[i].Relay.ForceOff(_ctx.NowMs); }
        }
    }
}
