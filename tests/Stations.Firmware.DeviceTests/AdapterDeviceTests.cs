using System;
using System.Device.Gpio;
using System.IO;
using System.Threading;
using nanoFramework.TestFramework;
using Stations.Firmware.Board;
using Stations.Firmware.Climate;
using Stations.Firmware.Io;
using Stations.Firmware.PowerMeter;
using Stations.Firmware.Storage;

namespace Stations.Firmware.DeviceTests
{
    /// <summary>
    /// On-device checks of the adapters on a fully wired station board (hardware/wiring.md), with every outlet unloaded.
    /// Run them as README.md says; they touch only the test folder I:\devtest, never the station's own files.
    /// </summary>
    [TestClass]
    public class AdapterDeviceTests
    {
        private const string TestFolder = "I:\\devtest";

        [TestMethod]
        public void ModbusCrcMatchesTheCheckValueOnTheDevice()
        {
            byte[] data = new byte[] { 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39 };
            Assert.AreEqual(0x4B37, (int)ModbusCrc16.Compute(data, 0, data.Length));
        }

        [TestMethod]
        public void FlashStoreIsDurableAcrossReopen()
        {
            if (!Directory.Exists(TestFolder))
            {
                Directory.CreateDirectory(TestFolder);
            }

            LittleFsFlashStore store = new LittleFsFlashStore(TestFolder);
            store.Delete("seg-1");
            store.Append("seg-1", new byte[] { 1, 2, 3 }, 0, 3);
            store.Append("seg-1", new byte[] { 4, 5 }, 0, 2);

            LittleFsFlashStore reopened = new LittleFsFlashStore(TestFolder);
            Assert.AreEqual(5, reopened.GetLength("seg-1"));
            byte[] buffer = new byte[5];
            Assert.AreEqual(5, reopened.Read("seg-1", 0, buffer, 0, 5));
            Assert.AreEqual(5, (int)buffer[4]);

            store.Delete("seg-2");
            store.WriteNew("seg-2", new byte[] { 9 }, 0, 1);
            bool refused = false;
            try
            {
                store.Rename("seg-1", "seg-2");
            }
            catch (IOException)
            {
                refused = true;
            }

            Assert.IsTrue(refused, "Rename must refuse an existing target on LittleFS");
            store.Delete("seg-1");
            store.Delete("seg-2");
        }

        [TestMethod]
        public void RelaysStartOffAndSwitch()
        {
            // Outlets unloaded: each relay clicks on for 200 ms, then off.
            GpioController gpio = new GpioController();
            int[] pins = new int[] { PinMap.Water1Valve, PinMap.Ebike1Relay, PinMap.Ebike2Relay, PinMap.Phone1Relay, PinMap.Ac1Relay };
            for (int i = 0; i < pins.Length; i++)
            {
                GpioRelayOutput relay = new GpioRelayOutput(gpio, pins[i], PinMap.RelayActiveHigh);
                Assert.IsFalse(relay.IsOn, "relay must start off");
                relay.Write(true);
                Thread.Sleep(200);
                relay.Write(false);
                Assert.IsFalse(relay.IsOn);
                gpio.ClosePin(pins[i]);
            }
        }

        [TestMethod]
        public void RoomProbeReadsAPlausibleClimate()
        {
            Dht22Probe probe = new Dht22Probe(PinMap.Probe1Echo, PinMap.Probe1Trigger);
            bool ok = false;
            double t = 0;
            double rh = 0;

            // The first reads after power-up may fail; the driver needs 2 s between reads.
            for (int attempt = 0; attempt < 5 && !ok; attempt++)
            {
                Thread.Sleep(2100);
                ok = probe.TryRead(out t, out rh);
            }

            Assert.IsTrue(ok, "DHT22 probe1 did not answer: check both GPIOs on DATA and the 10 k pull-up");
            Assert.IsTrue(t > -40 && t < 80, "temperature out of range");
            Assert.IsTrue(rh >= 0 && rh <= 100, "humidity out of range");
        }

        [TestMethod]
        public void EveryPowerMeterAnswers()
        {
            Pzem004tBus bus = new Pzem004tBus(PinMap.PzemTx, PinMap.PzemRx);
            byte[] addresses = new byte[] { PinMap.Ebike1MeterAddress, PinMap.Ebike2MeterAddress, PinMap.Phone1MeterAddress };
            for (int i = 0; i < addresses.Length; i++)
            {
                double watts;
                Assert.IsTrue(bus.TryReadPower(addresses[i], out watts), "PZEM-004T at address " + addresses[i].ToString() + " did not answer");
                Assert.IsTrue(watts >= 0 && watts < 50, "unloaded outlet should draw almost nothing");
            }
        }

        [TestMethod]
        public void FlowCounterNeverGoesBackwards()
        {
            FlowPulseCounter counter = new FlowPulseCounter(PinMap.Water1Flow);
            long first = counter.Count;
            Thread.Sleep(500);
            Assert.IsTrue(counter.Count >= first);
        }
    }
}
