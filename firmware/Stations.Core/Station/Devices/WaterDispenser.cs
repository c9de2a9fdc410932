using Stations.Core.Hardware;
using Stations.Core.Protocol;

namespace Stations.Core.Station
{
    /// <summary>
    /// A water dispenser (爱心水柜/饮水机): the valve opens while the button is held or for a commanded time, never longer
    /// than `maxValveSeconds`. With a flow meter it measures litres and raises `dispenser.dry` (valve open, no flow: the
    /// valve closes) and `dispenser.leak` (flow with the valve closed). A daily litres limit stops it until the next day.
    /// </summary>
    public sealed class WaterDispenser
    {
        /// <summary>After closing, pulses within this time are the pipe draining, not a leak.</summary>
        public const int LeakSettleMs = 2000;

        /// <summary>Leak pulses are counted over windows this long.</summary>
        public const int LeakWindowMs = 60000;

        private readonly DispenserConfig _config;
        private readonly Relay _valve;
        private readonly DebouncedInput _button;
        private readonly IPulseCounter _flow;
        private string _trigger;
        private long _openedAtMs;
        private long _openLimitMs;
        private long _pulsesAtOpen;
        private bool _waitForRelease;
        private bool _dryAlarm;
        private bool _leakAlarm;
        private bool _dailyAlarm;
        private long _day;
        private double _litresToday;
        private long _closedAtMs;
        private long _leakWindowStartMs;
        private long _leakWindowPulses;
        private long _pendingTestMs;

        /// <summary>Creates the dispenser with the valve closed.</summary>
        public WaterDispenser(DispenserConfig config, Relay valve, DebouncedInput button, IPulseCounter flow, StationContext ctx)
        {
            _config = config;
            _valve = valve;
            _button = button;
            _flow = flow;
            _day = ctx.Day;
            _closedAtMs = ctx.NowMs;
            _leakWindowStartMs = ctx.NowMs;
            _leakWindowPulses = flow == null ? 0 : flow.Count;
            _pendingTestMs = -1;
            // A button held at boot must be released before it dispenses.
            _waitForRelease = button != null && button.IsActive;
        }

        /// <summary>Device id.</summary>
        public string Id { get { return _config.Id; } }

        /// <summary>The valve relay.</summary>
        public Relay Valve { get { return _valve; } }

        /// <summary>Longest time the valve may stay open.</summary>
        public long MaxValveMs { get { return _config.MaxValveSeconds * 1000L; } }

        /// <summary>True when the daily limit stops it.</summary>
        public bool DailyLimitReached { get { return _dailyAlarm; } }

        /// <summary>Telemetry state: `leak`, `dry`, `disabled` (daily limit) or `ok`.</summary>
        public string State
        {
            get
            {
                if (_leakAlarm) { return ProtocolCodes.DispenserLeak; }
                if (_dryAlarm) { return ProtocolCodes.DispenserDry; }
                if (_dailyAlarm) { return ProtocolCodes.DispenserDisabled; }
                return ProtocolCodes.DispenserOk;
            }
        }

        /// <summary>`dispense.test`: opens the valve for <paramref name="ms"/> (or as soon as the valve's interval allows).</summary>
        public string StartTest(long ms, StationContext ctx)
        {
            if (_dailyAlarm)
            {
                return "daily limit of " + NumberText.Format(_config.DailyLitresLimit) + " l reached";
            }

            if (_valve.IsOn)
            {
                return "already dispensing";
            }

            if (!Open(ProtocolCodes.TriggerTest, ms, ctx))
            {
                _pendingTestMs = ms;
            }

            return null;
        }

        /// <summary>Runs one tick.</summary>
        public void Tick(StationContext ctx)
        {
            long now = ctx.NowMs;
            if (ctx.Day != _day)
            {
                _day = ctx.Day;
                _litresToday = 0;
                if (_dailyAlarm)
                {
                    _dailyAlarm = false;
                    ctx.Clear(ProtocolCodes.AlarmDispenserDailyLimit, _config.Id);
                }
            }

            if (_button != null && _button.Update(now) && !_button.IsActive)
            {
                _waitForRelease = false;
            }

            if (_valve.IsOn)
            {
                TickOpen(ctx, now);
            }
            else
            {
                if (_pendingTestMs > 0 && !_dailyAlarm)
                {
                    if (Open(ProtocolCodes.TriggerTest, _pendingTestMs, ctx))
                    {
                        _pendingTestMs = -1;
                    }
                }
                else if (_button != null && _button.IsActive && !_waitForRelease && !_dailyAlarm)
                {
                    Open(ProtocolCodes.TriggerButton, MaxValveMs, ctx);
                }

                if (!_valve.IsOn)
                {
                    TickLeak(ctx, now);
                }
            }
        }

        private bool Open(string trigger, long limitMs, StationContext ctx)
        {
            long now = ctx.NowMs;
            if (!_valve.TryTurnOn(now))
            {
                return false;
            }

            _trigger = trigger;
            _openedAtMs = now;
            _openLimitMs = limitMs < MaxValveMs ? limitMs : MaxValveMs;
            _pulsesAtOpen = _flow == null ? 0 : _flow.Count;
            return true;
        }

        private void TickOpen(StationContext ctx, long now)
        {
            long openMs = now - _openedAtMs;
            long pulses = _flow == null ? 0 : _flow.Count - _pulsesAtOpen;
            if (_flow != null && pulses > 0 && _dryAlarm)
            {
                _dryAlarm = false;
                ctx.Clear(ProtocolCodes.AlarmDispenserDry, _config.Id);
            }

            if (openMs >= _openLimitMs)
            {
                if (_trigger == ProtocolCodes.TriggerButton)
                {
                    // Held past the cap: a stuck button or a hose left running. Cut and demand a release.
                    _waitForRelease = true;
                    ctx.Events.SafetyTripped(_config.Id, ProtocolCodes.TripValveTimeout, openMs, false);
                    ctx.ImportantChange = true;
                }

                Close(ctx, now);
                return;
            }

            if (_trigger == ProtocolCodes.TriggerButton && (_button == null || !_button.IsActive))
            {
                Close(ctx, now);
                return;
            }

            if (_flow != null && pulses == 0 && openMs >= _config.DryAfterSeconds * 1000L)
            {
                if (!_dryAlarm)
                {
                    _dryAlarm = true;
                    ctx.Raise(ProtocolCodes.AlarmDispenserDry, _config.Id, true, openMs, ProtocolCodes.SeverityWarn);
                }

                Close(ctx, now);
                return;
            }

            if (_config.DailyLitresLimit > 0 && _litresToday + LitresSinceOpen(openMs, pulses) >= _config.DailyLitresLimit)
            {
                Close(ctx, now);
            }
        }

        private double LitresSinceOpen(long openMs, long pulses)
        {
            if (_flow != null)
            {
                return pulses / _config.PulsesPerLitre;
            }

            return _config.NominalLitresPerMinute * openMs / 60000.0;
        }

        private void Close(StationContext ctx, long now)
        {
            long openMs = now - _openedAtMs;
            long pulses = _flow == null ? 0 : _flow.Count - _pulsesAtOpen;
            _valve.TurnOff(now);
            // Whatever ended it, a button still held must be released before the next dispense.
            _waitForRelease = _button != null && _button.IsActive;
            double litres = LitresSinceOpen(openMs, pulses);
            _litresToday += litres;
            ctx.Litres += litres;
            ctx.Events.Dispensed(_config.Id, litres, openMs, _trigger);
            _closedAtMs = now;
            _leakWindowStartMs = now + LeakSettleMs;
            _leakWindowPulses = _flow == null ? 0 : _flow.Count;
            if (_config.DailyLitresLimit > 0 && _litresToday >= _config.DailyLitresLimit && !_dailyAlarm)
            {
                _dailyAlarm = true;
                ctx.Raise(ProtocolCodes.AlarmDispenserDailyLimit, _config.Id, true, _litresToday, ProtocolCodes.SeverityWarn);
            }
        }

        private void TickLeak(StationContext ctx, long now)
        {
            if (_flow == null)
            {
                return;
            }

            if (now < _leakWindowStartMs)
            {
                // Still settling after a dispense: restart the window at its end.
                _leakWindowPulses = _flow.Count;
                return;
            }

            long pulses = _flow.Count - _leakWindowPulses;
            if (pulses >= _config.LeakPulses)
            {
                if (!_leakAlarm)
                {
                    _leakAlarm = true;
                    ctx.Raise(ProtocolCodes.AlarmDispenserLeak, _config.Id, true, pulses / _config.PulsesPerLitre, ProtocolCodes.SeverityCrit);
                }

                _leakWindowStartMs = now;
                _leakWindowPulses = _flow.Count;
            }
            else if (now - _leakWindowStartMs >= LeakWindowMs)
            {
                if (_leakAlarm)
                {
                    _leakAlarm = false;
                    ctx.Clear(ProtocolCodes.AlarmDispenserLeak, _config.Id);
                }

                _leakWindowStartMs = now;
                _leakWindowPulses = _flow.Count;
            }
        }

        /// <summary>Closes the valve at once (config change, reboot): a running dispense is reported as finished.</summary>
        public void Shutdown(StationContext ctx)
        {
            if (_valve.IsOn)
            {
                Close(ctx, ctx.NowMs);
            }

            _valve.ForceOff(ctx.NowMs);
        }

        /// <summary>Writes this dispenser's `disp[]` element.</summary>
        public void WriteTelemetry(JsonWriter w)
        {
            w.BeginObject();
            w.String("id", _config.Id);
            w.Bool("valve", _valve.IsOn);
            w.String("st", State);
            w.EndObject();
        }
    }
}
