using System.Device.Gpio;
using System.Diagnostics;
using System.Threading;
using Stations.Firmware.Board;
using Stations.Firmware.Network;
using Stations.Firmware.Storage;

namespace Stations.Firmware
{
    /// <summary>Composition root of the station board: safety first, then storage, network and the station loop.</summary>
    public static class Program
    {
        private const int LoopPeriodMs = 100;

        /// <summary>Entry point on the ESP32.</summary>
        public static void Main()
        {
            // 1. Every relay is off before anything can fail: their pins reset low and the factory opens them off.
            GpioController gpio = new GpioController();
            Esp32HardwareFactory hardware = new Esp32HardwareFactory(gpio);

            // 2. Crash-loop guard: count this boot in flash before the station logic can crash again.
            LittleFsFlashStore flash = new LittleFsFlashStore(LittleFsFlashStore.InternalDrive);
            CrashLoopGuard crashLoop = new CrashLoopGuard(flash, BoardSettings.SafeModeAfterQuickBoots, BoardSettings.StableUptimeMs);
            bool safeMode = crashLoop.RegisterBoot();
            Debug.WriteLine("boot: quick boots " + crashLoop.QuickBoots.ToString() + (safeMode ? ", SAFE MODE (outlets disabled)" : ""));

            // 3. Network and time. The station runs offline (with its outbox) when either is missing.
            DeviceClock clock = new DeviceClock();
            StationBoard board = new StationBoard(hardware, flash, clock, new DeviceRebooter(), new HardwareRandom(), safeMode);
            board.StartNetwork();

            // 4. The station loop: Core's controller and link tick here; the crash-loop counter clears after a stable run.
            while (true)
            {
                board.Tick();
                crashLoop.OnUptime(clock.UptimeMs);
                Thread.Sleep(LoopPeriodMs);
            }
        }
    }
}
