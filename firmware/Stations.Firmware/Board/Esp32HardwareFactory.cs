using System;
using System.Collections;
using System.Device.Gpio;
using Stations.Core.Hardware;
using Stations.Core.Station;
using Stations.Firmware.Climate;
using Stations.Firmware.Io;
using Stations.Firmware.PowerMeter;

namespace Stations.Firmware.Board
{
    /// <summary>
    /// Builds the ESP32 adapters for the station config's devices. Adapters are cached by GPIO (and meter address), so a
    /// re-applied config reuses open pins instead of reopening them. A pin that cannot serve the role is refused with an
    /// ArgumentException that names the device, the pin and the fix.
    /// </summary>
    public sealed class Esp32HardwareFactory : IHardwareFactory
    {
        private readonly GpioController _gpio;
        private readonly Hashtable _byPin = new Hashtable();
        private readonly Hashtable _meters = new Hashtable();
        private Pzem004tBus _pzemBus;

        /// <summary>Creates the factory over the board's GPIO controller.</summary>
        public Esp32HardwareFactory(GpioController gpio)
        {
            _gpio = gpio;
        }

        /// <inheritdoc />
        public IDigitalOutput CreateOutput(string deviceId, string role, int pin)
        {
            object existing = _byPin[pin];
            if (existing != null)
            {
                return (IDigitalOutput)Expect(existing, existing is GpioRelayOutput, deviceId, pin);
            }

            Refuse(deviceId, Esp32PinRules.CheckRelay(pin));
            GpioRelayOutput relay = new GpioRelayOutput(_gpio, pin, PinMap.RelayActiveHigh);
            _byPin[pin] = relay;
            return relay;
        }

        /// <inheritdoc />
        public IDigitalInput CreateInput(string deviceId, string role, int pin)
        {
            object existing = _byPin[pin];
            if (existing != null)
            {
                return (IDigitalInput)Expect(existing, existing is GpioContactInput, deviceId, pin);
            }

            Refuse(deviceId, Esp32PinRules.CheckInput(pin));

            // Reed contacts, buttons and the sign switch close to GND; an IR break-beam receiver's open collector pulls
            // low while it sees the beam, so "beam broken" is the high level.
            bool activeLow = role != "beam";
            GpioContactInput input = new GpioContactInput(_gpio, pin, !Esp32PinRules.IsInputOnly(pin), activeLow);
            _byPin[pin] = input;
            return input;
        }

        /// <inheritdoc />
        public IClimateSensor CreateClimateSensor(string deviceId, int pin, int pin2)
        {
            return GetDht22(deviceId, pin, pin2);
        }

        /// <inheritdoc />
        public IPowerMeter CreatePowerMeter(string deviceId, int meterAddress)
        {
            if (meterAddress < Pzem004tProtocol.MinAddress || meterAddress > Pzem004tProtocol.MaxAddress)
            {
                throw new ArgumentException(deviceId + ": meter address " + meterAddress.ToString() + " is outside 1-247; set the PZEM-004T's address and the outlet's meterAddress to the same value (hardware/wiring.md)");
            }

            object existing = _meters[meterAddress];
            if (existing != null)
            {
                return (IPowerMeter)existing;
            }

            if (_pzemBus == null)
            {
                _pzemBus = new Pzem004tBus(PinMap.PzemTx, PinMap.PzemRx);
            }

            Pzem004tPowerMeter meter = new Pzem004tPowerMeter(_pzemBus, (byte)meterAddress);
            _meters[meterAddress] = meter;
            return meter;
        }

        /// <inheritdoc />
        public IPulseCounter CreatePulseCounter(string deviceId, int pin)
        {
            object existing = _byPin[pin];
            if (existing != null)
            {
                return (IPulseCounter)Expect(existing, existing is FlowPulseCounter, deviceId, pin);
            }

            Refuse(deviceId, Esp32PinRules.CheckInput(pin));
            FlowPulseCounter counter = new FlowPulseCounter(pin);
            _byPin[pin] = counter;
            return counter;
        }

        /// <summary>
        /// An outlet's socket temperature from its own DHT22: <paramref name="pin"/> (the config's `tempPin`) is the
        /// trigger pin; the echo pin wired to the same data line comes from the pin map.
        /// </summary>
        public ITemperatureProbe CreateTemperatureProbe(string deviceId, int pin)
        {
            return GetDht22(deviceId, pin, -1);
        }

        private Dht22Probe GetDht22(string deviceId, int triggerPin, int echoPin)
        {
            object existing = _byPin[triggerPin];
            if (existing != null)
            {
                return (Dht22Probe)Expect(existing, existing is Dht22Probe, deviceId, triggerPin);
            }

            if (echoPin < 0)
            {
                echoPin = PinMap.DhtEchoFor(triggerPin);
            }

            if (echoPin < 0)
            {
                throw new ArgumentException(deviceId + ": GPIO " + triggerPin.ToString() + " has no DHT22 echo pin; give the probe pin2 (the RMT echo pin wired to the same data line) or use a probe pair from hardware/pinmap.md");
            }

            Refuse(deviceId, Esp32PinRules.CheckDhtTrigger(triggerPin));
            Refuse(deviceId, Esp32PinRules.CheckInput(echoPin));
            Dht22Probe probe = new Dht22Probe(echoPin, triggerPin);
            _byPin[triggerPin] = probe;
            _byPin[echoPin] = probe;
            return probe;
        }

        private static object Expect(object existing, bool sameKind, string deviceId, int pin)
        {
            if (!sameKind)
            {
                throw new ArgumentException(deviceId + ": GPIO " + pin.ToString() + " is already used by another device of a different kind; give each device its own pin (hardware/pinmap.md)");
            }

            return existing;
        }

        private static void Refuse(string deviceId, string problem)
        {
            if (problem != null)
            {
                throw new ArgumentException(deviceId + ": " + problem);
            }
        }
    }
}
