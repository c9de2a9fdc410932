using Stations.Core.Hardware;
using Stations.Core.Protocol;

namespace Stations.Core.Station
{
    /// <summary>
    /// A DHT22-type probe: read every `readSeconds` (never under 2 s), a failed or implausible read retried after 2 s,
    /// a median of the last 5 good reads, `probe.fault` after N consecutive failures, `stale` with no good read for
    /// `staleSeconds`, and heat/cold alarms with hysteresis.
    /// </summary>
    public sealed class ClimateProbe
    {
        /// <summary>A DHT22 must not be read more often than this.</summary>
        public const int MinReadIntervalMs = 2000;

        private const int Window = 5;
        private readonly ClimateProbeConfig _config;
        private readonly IClimateSensor _sensor;
        private readonly double[] _temps = new double[Window];
        private readonly double[] _hums = new double[Window];
        private readonly double[] _scratch = new double[Window];
        private int _count;
        private int _next;
        private long _nextReadMs;
        private long _lastReadMs;
        private bool _hasRead;
        private long _lastGoodMs;
        private bool _hasGood;
        private int _failures;
        private bool _faultAlarm;
        private bool _highAlarm;
        private bool _lowAlarm;
        private double _temperatureC;
        private double _humidityPercent;

        /// <summary>Creates the probe; the first read happens on the first tick.</summary>
        public ClimateProbe(ClimateProbeConfig config, IClimateSensor sensor, long nowMs)
        {
            _config = config;
            _sensor = sensor;
            _nextReadMs = nowMs;
        }

        /// <summary>Device id.</summary>
        public string Id { get { return _config.Id; } }

        /// <summary>True with a good median that is not stale and no fault.</summary>
        public bool IsFresh { get; private set; }

        /// <summary>True after N consecutive failed reads.</summary>
        public bool IsFaulted { get { return _faultAlarm; } }

        /// <summary>Median temperature of the recent good reads.</summary>
        public double TemperatureC { get { return _temperatureC; } }

        /// <summary>Median relative humidity of the recent good reads.</summary>
        public double HumidityPercent { get { return _humidityPercent; } }

        /// <summary>Uptime of the last read attempt (tests check the 2 s minimum).</summary>
        public long LastReadMs { get { return _lastReadMs; } }

        /// <summary>Runs one tick.</summary>
        public void Tick(StationContext ctx)
        {
            long now = ctx.NowMs;
            if (now >= _nextReadMs && (!_hasRead || now - _lastReadMs >= MinReadIntervalMs))
            {
                _hasRead = true;
                _lastReadMs = now;
                double t;
                double rh;
                bool ok = _sensor.TryRead(out t, out rh)
                    && !double.IsNaN(t) && !double.IsNaN(rh) && t >= -40 && t <= 80 && rh >= 0 && rh <= 100;
                if (ok)
                {
                    Accept(t, rh, now, ctx);
                    _nextReadMs = now + (_config.ReadSeconds * 1000L);
                }
                else
                {
                    _failures++;
                    _nextReadMs = now + MinReadIntervalMs;
                    if (_failures >= _config.FaultAfterFailures && !_faultAlarm)
                    {
                        _faultAlarm = true;
                        ctx.Raise(ProtocolCodes.AlarmProbeFault, _config.Id, false, 0, ProtocolCodes.SeverityWarn);
                    }
                }
            }

            IsFresh = _hasGood && !_faultAlarm && now - _lastGoodMs <= _config.StaleSeconds * 1000L;
        }

        private void Accept(double t, double rh, long now, StationContext ctx)
        {
            _failures = 0;
            if (_faultAlarm)
            {
                _faultAlarm = false;
                ctx.Clear(ProtocolCodes.AlarmProbeFault, _config.Id);
            }

            _temps[_next] = t;
            _hums[_next] = rh;
            _next = (_next + 1) % Window;
            if (_count < Window)
            {
                _count++;
            }

            _temperatureC = Median(_temps);
            _humidityPercent = Median(_hums);
            _hasGood = true;
            _lastGoodMs = now;

            double hyst = _config.HysteresisC;
            if (!_highAlarm && _temperatureC >= _config.HighC)
            {
                _highAlarm = true;
                ctx.Raise(ProtocolCodes.AlarmTempHigh, _config.Id, true, _temperatureC, ProtocolCodes.SeverityWarn);
            }
            else if (_highAlarm && _temperatureC < _config.HighC - hyst)
            {
                _highAlarm = false;
                ctx.Clear(ProtocolCodes.AlarmTempHigh, _config.Id);
            }

            if (!_lowAlarm && _temperatureC <= _config.LowC)
            {
                _lowAlarm = true;
                ctx.Raise(ProtocolCodes.AlarmTempLow, _config.Id, true, _temperatureC, ProtocolCodes.SeverityWarn);
            }
            else if (_lowAlarm && _temperatureC > _config.LowC + hyst)
            {
                _lowAlarm = false;
                ctx.Clear(ProtocolCodes.AlarmTempLow, _config.Id);
            }
        }

        /// <summary>Median of the filled part of a ring, by insertion sort into a scratch array (no allocation).</summary>
        private double Median(double[] ring)
        {
            for (int i = 0; i < _count; i++)
            {
                double v = ring[i];
                int j = i - 1;
                while (j >= 0 && _scratch[j] > v)
                {
                    _scratch[j + 1] = _scratch[j];
                    j--;
                }

                _scratch[j + 1] = v;
            }

            return (_count % 2) == 1 ? _scratch[_count / 2] : (_scratch[(_count / 2) - 1] + _scratch[_count / 2]) / 2.0;
        }

        /// <summary>Writes this probe's `clim[]` element.</summary>
        public void WriteTelemetry(JsonWriter w)
        {
            w.BeginObject();
            w.String("id", _config.Id);
            if (_faultAlarm)
            {
                w.String("err", ProtocolCodes.ProbeFault);
            }
            else if (!IsFresh)
            {
                w.String("err", ProtocolCodes.ProbeStale);
            }
            else
            {
                w.Number("t", _temperatureC, 1);
                w.Number("rh", _humidityPercent, 1);
            }

            w.EndObject();
        }
    }
}
