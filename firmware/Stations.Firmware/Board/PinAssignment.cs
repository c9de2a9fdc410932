namespace Stations.Firmware.Board
{
    /// <summary>One row of the pin map: a GPIO, its role and the station device (or bus) it serves.</summary>
    public sealed class PinAssignment
    {
        /// <summary>Creates a row.</summary>
        public PinAssignment(int gpio, PinRole role, string deviceId, string purpose)
        {
            Gpio = gpio;
            Role = role;
            DeviceId = deviceId;
            Purpose = purpose;
        }

        /// <summary>ESP32 GPIO number.</summary>
        public readonly int Gpio;

        /// <summary>What the pin does.</summary>
        public readonly PinRole Role;

        /// <summary>Station device id from the config (e.g. `ebike1`), or a bus name (`pzem-bus`, `status`).</summary>
        public readonly string DeviceId;

        /// <summary>Short human description, as in hardware/pinmap.md.</summary>
        public readonly string Purpose;
    }
}
