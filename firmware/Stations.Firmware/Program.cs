using System;
using System.Device.Gpio;
using System.Diagnostics;
using System.Threading;
using Stations.Core.Link;
using Stations.Core.Station;
using Stations.Firmware.Board;
using Stations.Firmware.Io;
using Stations.Firmware.Link;
using Stations.Firmware.Network;
using Stations.Firmware.Storage;

namespace Stations.Firmware
{
    /// <summary>Composition root of the station board: safety first, then storage, network and the station loop.</summary>
    public static class Program
    {
        private const int LoopPeriodMs = 50;

        /// <summary>Entry point on the ESP32.</summary>
        public static void Main()
        {
            // 1. Relays: their pins reset low (off); the factory opens each one off before the logic can switch it.
            GpioController gpio = new GpioController();
            Esp32HardwareFactory hardware = new Esp32HardwareFactory(gpio);
            GpioRelayOutput statusLed = new GpioRelayOutput(gpio, PinMap.StatusLed, true);

            // 2. Flash: crash-loop guard first, so a boot that crashes later is still counted.
            LittleFsFlashStore flash = new LittleFsFlashStore(LittleFsFlashStore.InternalDrive);
            bool formatted = FlashMarker.WasFormatted(flash);
            CrashLoopGuard crashLoop = new CrashLoopGuard(flash, BoardSettings.SafeModeAfterQuickBoots, BoardSettings.StableUptimeMs);
            bool safeMode = crashLoop.RegisterBoot();
            string bootReason = DeviceRebooter.TakeBootReason(flash);
            Debug.WriteLine("boot: " + bootReason + ", quick boots " + crashLoop.QuickBoots.ToString() + (safeMode ? ", SAFE MODE" : ""));

            // 3. Provisioning, network and time; without them the station runs offline and keeps its outbox.
            DeviceClock clock = new DeviceClock();
            BoardProvisioning provisioning = BoardProvisioning.Load(flash);
            StartNetwork(provisioning, clock);

            // 4. Station config (uploaded station.json or the last one the gateway pushed) and Core.
            FlashConfigStore configStore = new FlashConfigStore(flash);
            StationConfig config = LoadConfig(configStore, provisioning.StationId);
            LinkSettings settings = new LinkSettings();
            settings.StationId = provisioning.StationId;
            settings.Password = provisioning.MqttPassword;
            settings.FirmwareVersion = BoardSettings.FirmwareVersion;
            settings.OutboxBudgetBytes = BoardSettings.OutboxBudgetBytes;
            M2MqttMessageLink link = new M2MqttMessageLink(provisioning.Mqtt);
            StationFirmware firmware;
            try
            {
                firmware = new StationFirmware(settings, link, flash, clock, new HardwareRandom(), new DeviceRebooter(flash),
                    hardware, config, configStore, safeMode, bootReason, formatted);
            }
            catch (ArgumentException ex)
            {
                // A stored config naming a pin this board cannot use: go online with no devices (all off) so the gateway
                // sees the station and can push a corrected config, instead of crash-looping on every boot.
                Debug.WriteLine("config: " + ex.Message);
                firmware = new StationFirmware(settings, link, flash, clock, new HardwareRandom(), new DeviceRebooter(flash),
                    hardware, StationConfig.CreateDefault(config.StationId), configStore, safeMode, bootReason, formatted);
            }

            while (true)
            {
                firmware.Tick();
                crashLoop.OnUptime(clock.UptimeMs);
                statusLed.Write(firmware.IsOnline);
                Thread.Sleep(LoopPeriodMs);
            }
        }

        private static void StartNetwork(BoardProvisioning provisioning, DeviceClock clock)
        {
            if (provisioning.Problem != null)
            {
                Debug.WriteLine("provisioning: " + provisioning.Problem);
                return;
            }

            WifiConnection wifi = new WifiConnection(provisioning.WifiSsid, provisioning.WifiPassword);
            if (!wifi.Connect(BoardSettings.WifiBootAttempts))
            {
                // The ESP32 driver keeps reconnecting (automatic reconnection); the link retries MQTT with backoff.
                Debug.WriteLine("wifi: " + wifi.LastError);
                return;
            }

            SntpTimeSync sntp = new SntpTimeSync(clock, BoardSettings.SntpServer1, BoardSettings.SntpServer2);
            if (!sntp.TrySync(BoardSettings.SntpTimeoutMs))
            {
                Debug.WriteLine("sntp: no answer yet; messages carry no ts until the clock is set");
            }
        }

        private static StationConfig LoadConfig(FlashConfigStore store, string stationId)
        {
            byte[] buffer = new byte[FlashConfigStore.MaxConfigBytes + 4];
            int length = store.Load(buffer);
            StationConfig config;
            string error;
            if (length > 0 && StationConfig.TryParse(buffer, 0, length, out config, out error))
            {
                return config;
            }

            // No usable config: every device stays off until the gateway pushes one (config.set).
            Debug.WriteLine(length > 0 ? "config: stored config refused, running with none" : "config: none stored yet");
            return StationConfig.CreateDefault(stationId == null ? "unprovisioned" : stationId);
        }
    }
}
