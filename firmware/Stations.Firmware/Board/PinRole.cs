namespace Stations.Firmware.Board
{
    /// <summary>What a GPIO does on the station board; the PinMap test checks each role against ESP32 limits.</summary>
    public enum PinRole
    {
        /// <summary>Drives a relay or SSR through the ULN2003A driver (active high, 10 k pull-down: floating = off).</summary>
        RelayOutput,

        /// <summary>A contact to GND read with the ESP32's internal pull-up.</summary>
        ContactInputInternalPullUp,

        /// <summary>A contact or open-collector signal with an external 10 k pull-up to 3.3 V (GPIO 34-39 have no pull-ups).</summary>
        ContactInputExternalPullUp,

        /// <summary>Flow meter pulses into the ESP32 hardware pulse counter (PCNT); external pull-up/divider.</summary>
        PulseCounterInput,

        /// <summary>DHT22 trigger line (output; tied to the sensor data line with the echo pin).</summary>
        DhtTrigger,

        /// <summary>DHT22 echo line (RMT receiver input; tied to the same data line).</summary>
        DhtEcho,

        /// <summary>UART transmit to the PZEM-004T Modbus bus.</summary>
        UartTx,

        /// <summary>UART receive from the PZEM-004T Modbus bus.</summary>
        UartRx,

        /// <summary>Status LED (allowed on a strapping pin: an LED to GND does not change the boot mode).</summary>
        StatusLed
    }
}
