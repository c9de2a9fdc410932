using Stations.Core.Hardware;
using Stations.Core.Protocol;

namespace Stations.Core.Station
{
    /// <summary>
    /// A phone or e-bike charging outlet: relay, power meter, optional start button and socket temperature probe.
    /// <para>
    /// States: <b>idle</b> (relay open), <b>armed</b> (idle with `plugStart`: relay closed to sense a load; a load over
    /// `plugWatts` for `plugConfirmMs` starts a session, trigger `plug`), <b>on</b> (a session), <b>disabled</b>
    /// (command, config or safe mode) and <b>locked</b> (after an over-temperature, overload or stuck-relay trip, until
    /// `outlet.reset-lockout`). An outlet arms only when enabled, unlocked, its meter answers, its socket (if probed)
    /// is under the warn temperature, sessions are allowed (station open or attended, under budget, not safe mode),
    /// and it has not just ended a session with the charger still plugged in (full, maxtime, cmd, budget, trips): then it
    /// waits for the button, `outlet.start` or `outlet.enable`.
    /// </para>
    /// </summary>
    public sealed class ChargingOutlet
    {
        /// <summary>The meter is read this often.</summary>
        public const int MeterReadIntervalMs = 1000;

        /// <summary>The socket probe is read this often.</summary>
        public const int ProbeReadIntervalMs = 2000;

        /// <summary>The over-temperature warning clears this far under the warn level.</summary>
        public const double WarnClearMarginC = 2;

        /// <summary>Consecutive reads with load through an open relay that mean the relay is stuck closed.</summary>
        public const int StuckReads = 3;

        /// <summary>A button or command start the relay interval delays is kept this long.</summary>
        public const int PendingStartMs = 10000;

        private readonly OutletConfig _config;
        private readonly Relay _relay;
        private readonly IPowerMeter _meter;
        private readonly ITemperatureProbe _probe;
        private readonly DebouncedInput _button;
        private readonly bool _safeMode;

        private bool _disabled;
        private bool _locked;
        private bool _lockoutUnsaved;
        private bool _charging;
        private bool _armed;
        private bool _needsRearm;

        private double _powerW;
        private bool _powerValid;
        private bool _hasMeterRead;
        private int _meterFailures;
        private long _nextMeterMs;
        private long _lastMeterMs;
        private bool _faultAlarm;
        private int _stuckReads;
        private bool _stuckAlarm;

        private double _tempC;
        private bool _hasTemp;
        private int _tempFailures;
        private long _nextProbeMs;
        private bool _warnAlarm;

        private long _sessionStartMs;
        private long _sessionMaxMs;
        private double _energyWh;
        private double _maxW;
        private bool _sawLoad;
        private long _belowFullSinceMs = -1;
        private long _belowNoLoadSinceMs = -1;
        private long _plugSinceMs = -1;

        private string _pendingTrigger;
        private long _pendingMaxMs;
        private long _pendingUntilMs;

        /// <summary>Creates the outlet with its relay open; in safe mode it stays disabled for good.</summary>
        public ChargingOutlet(OutletConfig config, Relay relay, IPowerMeter meter, ITemperatureProbe probe, DebouncedInput button, bool safeMode, long nowMs)
        {
            _config = config;
            _relay = relay;
            _meter = meter;
            _probe = probe;
            _button = button;
            _safeMode = safeMode;
            _disabled = !config.Enabled;
            _nextMeterMs = nowMs;
            _nextProbeMs = nowMs;
        }

        /// <summary>Device id.</summary>
        public string Id { get { return _config.Id; } }

        /// <summary>The configuration.</summary>
        public OutletConfig Config { get { return _config; } }

        /// <summary>The relay.</summary>
        public Relay Relay { get { return _relay; } }

        /// <summary>True during a charging session.</summary>
        public bool IsCharging { get { return _charging; } }

        /// <summary>True when idle with the relay closed, sensing for a plug-in.</summary>
        public bool IsArmed { get { return _armed; } }

        /// <summary>True while locked out.</summary>
        public bool IsLocked { get { return _locked; } }

        /// <summary>Uptime when the running session started.</summary>
        public long SessionStartMs { get { return _sessionStartMs; } }

        /// <summary>Longest allowed length of the running session.</summary>
        public long SessionMaxMs { get { return _sessionMaxMs; } }

        /// <summary>Measured load through the closed relay, else 0 (for the station budget).</summary>
        public double PowerNowW { get { return _relay.IsOn && _powerValid ? _powerW : 0; } }

        /// <summary>Telemetry state: `locked`, `disabled`, `on` or `idle`.</summary>
        public string State
        {
            get
            {
                if (_locked) { return ProtocolCodes.OutletLocked; }
                if (_disabled || _safeMode) { return ProtocolCodes.OutletDisabled; }
                if (_charging) { return ProtocolCodes.OutletOn; }
                return ProtocolCodes.OutletIdle;
            }
        }

        private bool Faulted
        {
            get { return _meterFailures >= _config.MeterFaultReads || (_probe != null && _tempFailures >= _config.MeterFaultReads); }
        }

        /// <summary>Null when a session may start now, else why not (for command details).</summary>
        private string WhyNotStart(StationContext ctx)
        {
            if (_safeMode) { return "safe mode: outlets stay disabled until a normal boot"; }
            if (_locked) { return "locked out; send outlet.reset-lockout"; }
            if (_disabled) { return "disabled; send outlet.enable first"; }
            if (!ctx.SessionsAllowed) { return ctx.SessionsRefusedBecause; }
            if (Faulted || !_hasMeterRead) { return "power meter not answering"; }
            if (_probe != null && (!_hasTemp || _tempC >= _config.WarnTempC))
            {
                return _hasTemp ? "socket at " + NumberText.Format(_tempC) + " C, not under " + NumberText.Format(_config.WarnTempC) + " C" : "socket temperature unknown";
            }

            return null;
        }

        /// <summary>Runs one tick.</summary>
        public void Tick(StationContext ctx)
        {
            long now = ctx.NowMs;
            bool meterRead = ReadMeter(now, ctx);
            ReadProbe(now);
            if (CheckSafety(ctx, now, meterRead))
            {
                return;
            }

            if (_charging)
            {
                TickSession(ctx, now, meterRead);
                return;
            }

            bool pressed = _button != null && _button.Update(now) && _button.IsActive;
            if (pressed && WhyNotStart(ctx) == null)
            {
                _needsRearm = false;
                Begin(ProtocolCodes.TriggerButton, _config.MaxSessionMinutes * 60000L, ctx);
                return;
            }

            if (_armed)
            {
                if (WhyNotStart(ctx) != null || !_config.PlugStart)
                {
                    Disarm(now);
                }
                else if (meterRead && _powerValid)
                {
                    if (_powerW >= _config.PlugWatts)
                    {
                        if (_plugSinceMs < 0)
                        {
                            _plugSinceMs = now;
                        }
                        else if (now - _plugSinceMs >= _config.PlugConfirmMs)
                        {
                            Begin(ProtocolCodes.TriggerPlug, _config.MaxSessionMinutes * 60000L, ctx);
                        }
                    }
                    else
                    {
                        _plugSinceMs = -1;
                    }
                }

                return;
            }

            if (_pendingTrigger != null)
            {
                if (now > _pendingUntilMs || WhyNotStart(ctx) != null)
                {
                    _pendingTrigger = null;
                }
                else if (_relay.CanTurnOn(now))
                {
                    string trigger = _pendingTrigger;
                    _pendingTrigger = null;
                    Begin(trigger, _pendingMaxMs, ctx);
                }

                return;
            }

            if (_config.PlugStart && !_needsRearm && _relay.CanTurnOn(now) && WhyNotStart(ctx) == null && _relay.TryTurnOn(now))
            {
                _armed = true;
                _plugSinceMs = -1;
            }
        }

        private bool ReadMeter(long now, StationContext ctx)
        {
            if (now < _nextMeterMs)
            {
                return false;
            }

            _nextMeterMs = now + MeterReadIntervalMs;
            double w;
            if (_meter.TryReadPower(out w) && !double.IsNaN(w) && !double.IsInfinity(w) && w > -50 && w < 100000)
            {
                if (w < 0)
                {
                    w = 0;
                }

                if (_charging && _hasMeterRead && _powerValid)
                {
                    // Trapezoid over the time between two good reads, on uptime only.
                    double wh = (_powerW + w) / 2.0 * (now - _lastMeterMs) / 3600000.0;
                    _energyWh += wh;
                    ctx.EnergyWh += wh;
                }

                _powerW = w;
                _powerValid = true;
                _hasMeterRead = true;
                _meterFailures = 0;
                _lastMeterMs = now;
            }
            else
            {
                _powerValid = false;
                _meterFailures++;
            }

            return true;
        }

        private void ReadProbe(long now)
        {
            if (_probe == null || now < _nextProbeMs)
            {
                return;
            }

            _nextProbeMs = now + ProbeReadIntervalMs;
            double t;
            if (_probe.TryReadTemperature(out t) && !double.IsNaN(t) && t > -40 && t < 150)
            {
                _tempC = t;
                _hasTemp = true;
                _tempFailures = 0;
            }
            else
            {
                _tempFailures++;
            }
        }

        /// <summary>The cuts that hold in every state. Returns true when the outlet was cut or locked this tick.</summary>
        private bool CheckSafety(StationContext ctx, long now, bool meterRead)
        {
            if (_hasTemp)
            {
                if (_tempC >= _config.CutTempC)
                {
                    if (!_locked || _relay.IsOn)
                    {
                        Trip(ProtocolCodes.TripOverTemp, ProtocolCodes.StopOverTemp, _tempC, ctx);
                        return true;
                    }
                }

                if (!_warnAlarm && _tempC >= _config.WarnTempC)
                {
                    _warnAlarm = true;
                    ctx.Raise(ProtocolCodes.AlarmOutletOverTempWarn, _config.Id, true, _tempC, ProtocolCodes.SeverityWarn);
                }
                else if (_warnAlarm && _tempC < _config.WarnTempC - WarnClearMarginC)
                {
                    _warnAlarm = false;
                    ctx.Clear(ProtocolCodes.AlarmOutletOverTempWarn, _config.Id);
                }
            }

            if (_relay.IsOn && _powerValid && _powerW > _config.OverloadWatts)
            {
                Trip(ProtocolCodes.TripOverload, ProtocolCodes.StopOverload, _powerW, ctx);
                return true;
            }

            bool faulted = Faulted;
            if (faulted && !_faultAlarm)
            {
                _faultAlarm = true;
                ctx.Raise(ProtocolCodes.AlarmOutletMeterFault, _config.Id, false, 0, ProtocolCodes.SeverityWarn);
            }
            else if (!faulted && _faultAlarm)
            {
                _faultAlarm = false;
                ctx.Clear(ProtocolCodes.AlarmOutletMeterFault, _config.Id);
            }

            if (faulted && _relay.IsOn)
            {
                if (_charging)
                {
                    End(ProtocolCodes.StopMeterFault, ctx);
                }
                else
                {
                    Disarm(now);
                }

                return true;
            }

            if (meterRead)
            {
                bool loadThroughOpenRelay = !_relay.IsOn && now - _relay.LastChangeMs >= 3000 && _powerValid && _powerW >= _config.PlugWatts;
                _stuckReads = loadThroughOpenRelay ? _stuckReads + 1 : 0;
                if (_stuckReads >= StuckReads && !_stuckAlarm)
                {
                    _stuckAlarm = true;
                    ctx.Raise(ProtocolCodes.AlarmRelayStuck, _config.Id, true, _powerW, ProtocolCodes.SeverityCrit);
                    Trip(ProtocolCodes.TripRelayStuck, ProtocolCodes.StopCommand, _powerW, ctx);
                    return true;
                }
            }

            return false;
        }

        private void TickSession(StationContext ctx, long now, bool meterRead)
        {
            long elapsed = now - _sessionStartMs;
            if (elapsed >= _sessionMaxMs)
            {
                End(ProtocolCodes.StopMaxTime, ctx);
                return;
            }

            if (!meterRead || !_powerValid)
            {
                return;
            }

            double w = _powerW;
            if (w > _maxW)
            {
                _maxW = w;
            }

            if (w >= _config.PlugWatts)
            {
                _sawLoad = true;
            }

            if (w < _config.NoLoadWatts)
            {
                _belowFullSinceMs = -1;
                if (_belowNoLoadSinceMs < 0)
                {
                    _belowNoLoadSinceMs = now;
                }
                else if (now - _belowNoLoadSinceMs >= _config.NoLoadSeconds * 1000L)
                {
                    End(_sawLoad ? ProtocolCodes.StopUnplug : ProtocolCodes.StopNoLoad, ctx);
                }

                return;
            }

            _belowNoLoadSinceMs = -1;
            if (_sawLoad && elapsed >= _config.MinChargeMinutes * 60000L && w < _config.FullWatts)
            {
                if (_belowFullSinceMs < 0)
                {
                    _belowFullSinceMs = now;
                }
                else if (now - _belowFullSinceMs >= _config.FullConfirmSeconds * 1000L)
                {
                    End(ProtocolCodes.StopFull, ctx);
                }
            }
            else
            {
                _belowFullSinceMs = -1;
            }
        }

        /// <summary>Starts a session now, or as soon as the relay's interval allows (pending, kept for 10 s).</summary>
        private void Begin(string trigger, long maxMs, StationContext ctx)
        {
            long now = ctx.NowMs;
            if (!_relay.TryTurnOn(now))
            {
                _pendingTrigger = trigger;
                _pendingMaxMs = maxMs;
                _pendingUntilMs = now + PendingStartMs;
                return;
            }

            _armed = false;
            _charging = true;
            _pendingTrigger = null;
            _sessionStartMs = now;
            _sessionMaxMs = maxMs;
            _energyWh = 0;
            _maxW = _powerValid ? _powerW : 0;
            _sawLoad = _powerValid && _powerW >= _config.PlugWatts;
            _belowFullSinceMs = -1;
            _belowNoLoadSinceMs = -1;
            ctx.ImportantChange = true;
            ctx.Events.OutletStarted(_config.Id, trigger);
        }

        private void End(string reason, StationContext ctx)
        {
            long now = ctx.NowMs;
            _relay.TurnOff(now);
            _charging = false;
            _armed = false;
            // Unless the socket was seen empty, the charger is probably still plugged in: wait for a person before re-arming.
            _needsRearm = reason != ProtocolCodes.StopUnplug && reason != ProtocolCodes.StopNoLoad && reason != ProtocolCodes.StopClosing;
            ctx.Sessions++;
            ctx.ImportantChange = true;
            ctx.Events.OutletStopped(_config.Id, reason, _energyWh, now - _sessionStartMs, _maxW);
        }

        private void Disarm(long now)
        {
            _relay.TurnOff(now);
            _armed = false;
            _plugSinceMs = -1;
        }

        private void Trip(string tripReason, string stopReason, double value, StationContext ctx)
        {
            _pendingTrigger = null;
            bool newLockout = !_locked;
            if (newLockout)
            {
                // Relay open and the lockout saved before anything is reported: a reboot right after must not clear it.
                _locked = true;
                _relay.TurnOff(ctx.NowMs);
                if (ctx.Lockouts != null && !ctx.Lockouts.TrySave(_config.Id, true))
                {
                    _lockoutUnsaved = true;
                    ctx.LockoutSaveFailures++;
                }
            }

            if (_charging)
            {
                End(stopReason, ctx);
            }
            else
            {
                Disarm(ctx.NowMs);
            }

            _needsRearm = true;
            if (newLockout)
            {
                ctx.ImportantChange = true;
                ctx.Events.SafetyTripped(_config.Id, tripReason, value, true);
                ctx.Raise(ProtocolCodes.AlarmOutletLockout, _config.Id, true, value, ProtocolCodes.SeverityCrit);
            }
        }

        /// <summary>Ends a running session (closing, budget) and disarms; returns whether a session was running.</summary>
        public bool Stop(string reason, StationContext ctx)
        {
            _pendingTrigger = null;
            if (_charging)
            {
                End(reason, ctx);
                return true;
            }

            if (_armed)
            {
                Disarm(ctx.NowMs);
            }

            return false;
        }

        /// <summary>`outlet.disable`.</summary>
        public void Disable(StationContext ctx)
        {
            Stop(ProtocolCodes.StopCommand, ctx);
            _disabled = true;
            ctx.ImportantChange = true;
        }

        /// <summary>`outlet.enable`: null when done, else why it is refused. Never clears a lockout.</summary>
        public string Enable(StationContext ctx)
        {
            if (_safeMode)
            {
                return "safe mode: outlets stay disabled until a normal boot";
            }

            _disabled = false;
            _needsRearm = false;
            ctx.ImportantChange = true;
            return null;
        }

        /// <summary>`outlet.start`: the result code, with <paramref name="detail"/> saying why when it is not `done`.</summary>
        public string Start(int maxMinutes, StationContext ctx, out string detail)
        {
            detail = WhyNotStart(ctx);
            if (_locked && !_safeMode)
            {
                return ProtocolCodes.ResultLocked;
            }

            if (detail != null)
            {
                return ProtocolCodes.ResultRefused;
            }

            if (_charging)
            {
                detail = "a session is already running";
                return ProtocolCodes.ResultRefused;
            }

            if (maxMinutes != -1 && (maxMinutes < 1 || maxMinutes > _config.MaxSessionMinutes))
            {
                detail = "maxMin: " + maxMinutes.ToString() + " is out of range; use 1.." + _config.MaxSessionMinutes.ToString();
                return ProtocolCodes.ResultBadArgs;
            }

            _needsRearm = false;
            Begin(ProtocolCodes.TriggerCommand, (maxMinutes == -1 ? _config.MaxSessionMinutes : maxMinutes) * 60000L, ctx);
            detail = _charging ? _config.Id + " session started" : _config.Id + " session starts when the relay interval allows";
            return ProtocolCodes.ResultDone;
        }

        /// <summary>`outlet.stop`: ends the session and does not re-arm until the button, outlet.start or outlet.enable.</summary>
        public bool StopByCommand(StationContext ctx)
        {
            bool wasCharging = Stop(ProtocolCodes.StopCommand, ctx);
            _needsRearm = true;
            return wasCharging;
        }

        /// <summary>
        /// Locks the outlet out at boot or after a config change because the lockout store says so: the relay stays open
        /// and it waits for `outlet.reset-lockout`. The caller raises `outlet.lockout` once the link is running.
        /// </summary>
        public void RestoreLockout(StationContext ctx)
        {
            // Normally called on a fresh outlet; should a store be set mid-run, end a session properly first.
            Stop(ProtocolCodes.StopCommand, ctx);
            _locked = true;
            _needsRearm = true;
            _relay.TurnOff(ctx.NowMs);
        }

        /// <summary>Why `outlet.reset-lockout` would be refused now, or null when it would be accepted.</summary>
        public string WhyNotResetLockout()
        {
            if (!_locked)
            {
                return "not locked out";
            }

            if (_probe != null && (!_hasTemp || _tempC >= _config.WarnTempC))
            {
                return _hasTemp ? "socket at " + NumberText.Format(_tempC) + " C; wait until it is under " + NumberText.Format(_config.WarnTempC) + " C" : "socket temperature unknown; wait for a reading";
            }

            return null;
        }

        /// <summary>`outlet.reset-lockout`: null when done, else why not. The caller clears the lockout store first.</summary>
        public string ResetLockout(StationContext ctx)
        {
            string why = WhyNotResetLockout();
            if (why != null)
            {
                return why;
            }

            _locked = false;
            _lockoutUnsaved = false;
            _needsRearm = true;
            ctx.ImportantChange = true;
            ctx.Events.LockoutReset(_config.Id);
            ctx.Clear(ProtocolCodes.AlarmOutletLockout, _config.Id);
            if (_stuckAlarm)
            {
                _stuckAlarm = false;
                _stuckReads = 0;
                ctx.Clear(ProtocolCodes.AlarmRelayStuck, _config.Id);
            }

            return null;
        }

        /// <summary>Opens the relay for a config change: a running session ends with reason `cmd`.</summary>
        public void Shutdown(StationContext ctx)
        {
            Stop(ProtocolCodes.StopCommand, ctx);
            _relay.ForceOff(ctx.NowMs);
        }

        /// <summary>
        /// A self-test line from the latest readings (the meter and probe are not read out of turn, so the safety
        /// logic always sees every reading): meter and probe answer, and no load flows through the open relay.
        /// </summary>
        public SelfTestItem SelfTest()
        {
            bool meterOk = _hasMeterRead && _meterFailures < _config.MeterFaultReads;
            string detail = meterOk ? "meter " + NumberText.Format(_powerValid ? _powerW : 0) + " W" : "meter not answering";
            bool ok = meterOk && !_stuckAlarm && !_locked;
            if (_stuckAlarm)
            {
                detail = detail + ", load with the relay open: relay stuck";
            }

            if (_probe != null)
            {
                bool probeOk = _hasTemp && _tempFailures < _config.MeterFaultReads;
                ok = ok && probeOk;
                detail = detail + (probeOk ? ", socket " + NumberText.Format(_tempC) + " C" : ", socket probe not answering");
            }

            detail = detail + (_locked ? (_lockoutUnsaved ? ", locked out (not saved in flash: a reboot would clear it)" : ", locked out") : "") + ", relay " + (_relay.IsOn ? "on" : "off");
            return new SelfTestItem(_config.Id, ok, detail);
        }

        /// <summary>
        /// The self-test with a click: only an unloaded outlet is switched (no session, not locked out, the meter reads
        /// under `noLoadWatts`). Open and unloaded: the relay closes for <paramref name="clickMs"/> and opens again. Armed
        /// (closed, sensing a plug) and unloaded: it opens, and the outlet re-arms itself after its minimum interval. The
        /// read-back is the meter: no load may flow while the relay is open. Details are short (the result is one message).
        /// </summary>
        public SelfTestItem SelfTestWithClick(long nowMs, int clickMs)
        {
            SelfTestItem readings = SelfTest();
            string click;
            bool clicked = false;
            if (_safeMode)
            {
                click = "not clicked: safe mode";
            }
            else if (_locked)
            {
                click = "not clicked: locked out";
            }
            else if (_charging)
            {
                click = "not clicked: charging; stop and unplug, retry";
            }
            else if (!_powerValid)
            {
                click = "not clicked: no meter reading";
            }
            else if (_powerW >= _config.NoLoadWatts)
            {
                click = "not clicked: " + NumberText.Format(_powerW) + " W load; unplug, retry";
            }
            else if (_relay.IsOn)
            {
                Disarm(nowMs);
                clicked = true;
                click = "clicked off (re-arms)";
            }
            else if (_relay.Click(nowMs, clickMs))
            {
                clicked = true;
                click = "clicked";
            }
            else
            {
                click = "not clicked: retry in " + ((_relay.MsUntilCanTurnOn(nowMs) + 999) / 1000).ToString() + " s";
            }

            string detail = click + ", " + (_powerValid ? NumberText.Format(_powerW) + " W" : "meter not answering");
            if (_probe != null)
            {
                detail = detail + (_hasTemp && _tempFailures < _config.MeterFaultReads ? ", " + NumberText.Format(_tempC) + " C" : ", socket probe not answering");
            }

            return new SelfTestItem(_config.Id, readings.Ok && clicked, detail);
        }

        /// <summary>Writes this outlet's `out[]` element.</summary>
        public void WriteTelemetry(JsonWriter w)
        {
            w.BeginObject();
            w.String("id", _config.Id);
            w.String("st", State);
            double p = PowerNowW;
            w.Number("w", p > 4000 ? 4000 : p, 1);
            if (_probe != null && _hasTemp)
            {
                w.Number("tc", _tempC, 1);
            }

            w.EndObject();
        }
    }
}
