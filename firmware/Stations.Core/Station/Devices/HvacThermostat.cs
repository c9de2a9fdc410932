using Stations.Core.Protocol;

namespace Stations.Core.Station
{
    /// <summary>
    /// A heating or cooling relay driven as a thermostat with hysteresis and minimum on/off times. Without a fresh
    /// probe reading (stale or faulted) or, with `onlyWhenOpen`, while the station is closed, it wants to be off.
    /// </summary>
    public sealed class HvacThermostat
    {
        private readonly HvacConfig _config;
        private readonly Relay _relay;
        private readonly ClimateProbe _probe;
        private readonly bool _cooling;

        /// <summary>Creates the thermostat; the relay's minimum interval is the minimum off time.</summary>
        public HvacThermostat(HvacConfig config, Relay relay, ClimateProbe probe)
        {
            _config = config;
            _relay = relay;
            _probe = probe;
            _cooling = config.Mode == ProtocolCodes.HvacCool;
        }

        /// <summary>Device id.</summary>
        public string Id { get { return _config.Id; } }

        /// <summary>The relay.</summary>
        public Relay Relay { get { return _relay; } }

        /// <summary>Runs one tick.</summary>
        public void Tick(StationContext ctx)
        {
            long now = ctx.NowMs;
            bool want = _relay.IsOn;
            if (!_probe.IsFresh || (_config.OnlyWhenOpen && !ctx.Open))
            {
                want = false;
            }
            else
            {
                double t = _probe.TemperatureC;
                if (_cooling)
                {
                    if (t >= _config.SetpointC + _config.HysteresisC) { want = true; }
                    else if (t <= _config.SetpointC) { want = false; }
                }
                else
                {
                    if (t <= _config.SetpointC - _config.HysteresisC) { want = true; }
                    else if (t >= _config.SetpointC) { want = false; }
                }
            }

            if (want && !_relay.IsOn)
            {
                if (_relay.TryTurnOn(now))
                {
                    ctx.ImportantChange = true;
                }
            }
            else if (!want && _relay.IsOn && now - _relay.LastChangeMs >= _config.MinOnSeconds * 1000L)
            {
                _relay.TurnOff(now);
                ctx.ImportantChange = true;
            }
        }

        /// <summary>Writes this relay's `hvac[]` element.</summary>
        public void WriteTelemetry(JsonWriter w)
        {
            w.BeginObject();
            w.String("id", _config.Id);
            w.Bool("on", _relay.IsOn);
            w.String("mode", _cooling ? ProtocolCodes.HvacCool : ProtocolCodes.HvacHeat);
            w.EndObject();
        }
    }
}
