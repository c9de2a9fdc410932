using System;
using Iot.Device.DHTxx.Esp32;
using Stations.Core.Hardware;
using UnitsNet;

namespace Stations.Firmware.Climate
{
    /// <summary>
    /// A DHT22 (AM2302) on two GPIOs tied to its data line, read through the ESP32 RMT binding
    /// (Iot.Device.DHTxx.Esp32.Dht22). Serves as a room climate sensor and as the e-bike shelf temperature probe.
    /// </summary>
    public sealed class Dht22Probe : IClimateSensor, ITemperatureProbe
    {
        // The DHT22 needs 2 s between conversions; asking sooner returns the previous answer instead of a bad read.
        private const long MinReadIntervalMs = 2000;

        private readonly Dht22 _sensor;
        private long _lastReadUptimeMs = -MinReadIntervalMs;
        private bool _lastOk;
        private double _lastTemperatureCelsius;
        private double _lastHumidityPercent;

        /// <summary>Creates the binding (it waits 1 s for the sensor to settle).</summary>
        /// <param name="echoGpio">RMT receive pin.</param>
        /// <param name="triggerGpio">Pin that sends the start pulse.</param>
        public Dht22Probe(int echoGpio, int triggerGpio)
        {
            _sensor = new Dht22(echoGpio, triggerGpio);
        }

        /// <inheritdoc />
        public bool TryRead(out double temperatureCelsius, out double relativeHumidityPercent)
        {
            long now = Environment.TickCount64;
            if (now - _lastReadUptimeMs >= MinReadIntervalMs)
            {
                _lastReadUptimeMs = now;
                _lastOk = ReadOnce(out _lastTemperatureCelsius, out _lastHumidityPercent);
            }

            temperatureCelsius = _lastTemperatureCelsius;
            relativeHumidityPercent = _lastHumidityPercent;
            return _lastOk;
        }

        /// <inheritdoc />
        public bool TryReadTemperature(out double temperatureCelsius)
        {
            double ignoredHumidity;
            return TryRead(out temperatureCelsius, out ignoredHumidity);
        }

        private bool ReadOnce(out double temperatureCelsius, out double relativeHumidityPercent)
        {
            temperatureCelsius = 0;
            relativeHumidityPercent = 0;

            // Each getter may trigger a conversion; read temperature, check, then humidity from the same frame and check
            // again, so a failed first read can never pair a default temperature with a fresh humidity.
            Temperature temperature = _sensor.Temperature;
            if (!_sensor.IsLastReadSuccessful)
            {
                return false;
            }

            RelativeHumidity humidity = _sensor.Humidity;
            if (!_sensor.IsLastReadSuccessful)
            {
                return false;
            }

            double t = temperature.DegreesCelsius;
            double rh = humidity.Percent;

            // The checksum can pass on a garbled frame; values outside the DHT22's range are treated as a failed read.
            if (t < -40 || t > 80 || rh < 0 || rh > 100)
            {
                return false;
            }

            temperatureCelsius = t;
            relativeHumidityPercent = rh;
            return true;
        }
    }
}
