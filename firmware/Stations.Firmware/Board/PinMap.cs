namespace Stations.Firmware.Board
{
    /// <summary>
    /// Every GPIO the station board uses, in one place (hardware/pinmap.md says the same; a test checks they agree).
    /// Module: ESP32-WROVER-E (8 MB flash, 8 MB PSRAM) on an ESP32-DevKitC-VE, nanoFramework target ESP32_PSRAM_REV3.
    /// Not usable here: GPIO 6-11 (SPI flash), 16-17 (PSRAM on WROVER), 1 and 3 (UART0: nanoFramework deploy/debug).
    /// </summary>
    public static class PinMap
    {
        /// <summary>Water dispenser solenoid valve relay (device `water1`).</summary>
        public const int Water1Valve = 23;

        /// <summary>E-bike charging outlet 1 relay (device `ebike1`).</summary>
        public const int Ebike1Relay = 19;

        /// <summary>E-bike charging outlet 2 relay (device `ebike2`).</summary>
        public const int Ebike2Relay = 18;

        /// <summary>Phone charging outlet relay (device `phone1`).</summary>
        public const int Phone1Relay = 4;

        /// <summary>Air conditioner / heater enable relay (device `ac1`).</summary>
        public const int Ac1Relay = 13;

        /// <summary>Door reed contact (device `door1`), closed = door shut, internal pull-up.</summary>
        public const int Door1Contact = 32;

        /// <summary>Dispense push button on the water cabinet (device `water1`), internal pull-up.</summary>
        public const int Water1Button = 33;

        /// <summary>"Open" sign switch (device `sign`), external 10 k pull-up (input-only pin).</summary>
        public const int OpenSignSwitch = 34;

        /// <summary>Doorway IR break-beam for visit counting (device `beam1`), external 10 k pull-up (input-only pin).</summary>
        public const int Beam1Input = 35;

        /// <summary>Flow meter pulses (device `water1`), external pull-up/divider, ESP32 pulse counter.</summary>
        public const int Water1Flow = 36;

        /// <summary>Room DHT22 (device `probe1`) trigger pin; wire it to the sensor data line together with the echo pin.</summary>
        public const int Probe1Trigger = 25;

        /// <summary>Room DHT22 (device `probe1`) echo pin (RMT input).</summary>
        public const int Probe1Echo = 26;

        /// <summary>Socket temperature DHT22 of e-bike outlet 1 (the outlet's `tempPin`) trigger pin.</summary>
        public const int Ebike1TempTrigger = 27;

        /// <summary>Socket temperature DHT22 of e-bike outlet 1, echo pin (RMT input).</summary>
        public const int Ebike1TempEcho = 14;

        /// <summary>
        /// Socket temperature DHT22 of e-bike outlet 2 (the outlet's `tempPin`) trigger pin. GPIO 5 is a strapping pin that
        /// must be high at reset: the DHT22 data line's 10 k pull-up holds it high, so it is safe here (never for a relay).
        /// </summary>
        public const int Ebike2TempTrigger = 5;

        /// <summary>Socket temperature DHT22 of e-bike outlet 2, echo pin (RMT input; input-only pins are fine for RMT).</summary>
        public const int Ebike2TempEcho = 39;

        /// <summary>UART2 TX to the PZEM-004T bus (nanoFramework port COM2).</summary>
        public const int PzemTx = 22;

        /// <summary>UART2 RX from the PZEM-004T bus.</summary>
        public const int PzemRx = 21;

        /// <summary>Status LED (the DevKitC has none on GPIO 2; fit a 1 k + LED to GND).</summary>
        public const int StatusLed = 2;

        /// <summary>nanoFramework serial port name for the PZEM bus (ESP32 UART2 is COM2 once its pins are set).</summary>
        public const string PzemPortName = "COM2";

        /// <summary>Modbus address of the PZEM-004T measuring `ebike1` (set once with the address tool, see hardware/wiring.md).</summary>
        public const byte Ebike1MeterAddress = 1;

        /// <summary>Modbus address of the PZEM-004T measuring `ebike2`.</summary>
        public const byte Ebike2MeterAddress = 2;

        /// <summary>Modbus address of the PZEM-004T measuring `phone1`.</summary>
        public const byte Phone1MeterAddress = 3;

        /// <summary>True: relay inputs are active high (ULN2003A + pull-down), so a floating or reset pin leaves the load off.</summary>
        public const bool RelayActiveHigh = true;

        /// <summary>The echo pin wired to the same DHT22 data line as <paramref name="triggerGpio"/>, or -1.</summary>
        public static int DhtEchoFor(int triggerGpio)
        {
            if (triggerGpio == Probe1Trigger)
            {
                return Probe1Echo;
            }

            if (triggerGpio == Ebike1TempTrigger)
            {
                return Ebike1TempEcho;
            }

            return triggerGpio == Ebike2TempTrigger ? Ebike2TempEcho : -1;
        }

        /// <summary>Every assignment, one row per GPIO, in the order of hardware/pinmap.md.</summary>
        public static PinAssignment[] All()
        {
            return new PinAssignment[]
            {
                new PinAssignment(Water1Valve, PinRole.RelayOutput, "water1", "dispenser solenoid valve relay"),
                new PinAssignment(Ebike1Relay, PinRole.RelayOutput, "ebike1", "e-bike outlet 1 relay"),
                new PinAssignment(Ebike2Relay, PinRole.RelayOutput, "ebike2", "e-bike outlet 2 relay"),
                new PinAssignment(Phone1Relay, PinRole.RelayOutput, "phone1", "phone charging outlet relay"),
                new PinAssignment(Ac1Relay, PinRole.RelayOutput, "ac1", "air conditioner / heater relay"),
                new PinAssignment(Door1Contact, PinRole.ContactInputInternalPullUp, "door1", "door reed contact"),
                new PinAssignment(Water1Button, PinRole.ContactInputInternalPullUp, "water1", "dispense button"),
                new PinAssignment(OpenSignSwitch, PinRole.ContactInputExternalPullUp, "sign", "open sign switch"),
                new PinAssignment(Beam1Input, PinRole.ContactInputExternalPullUp, "beam1", "doorway IR break-beam"),
                new PinAssignment(Water1Flow, PinRole.PulseCounterInput, "water1", "flow meter pulses"),
                new PinAssignment(Probe1Trigger, PinRole.DhtTrigger, "probe1", "room DHT22 trigger"),
                new PinAssignment(Probe1Echo, PinRole.DhtEcho, "probe1", "room DHT22 echo"),
                new PinAssignment(Ebike1TempTrigger, PinRole.DhtTrigger, "ebike1", "e-bike outlet 1 socket DHT22 trigger"),
                new PinAssignment(Ebike1TempEcho, PinRole.DhtEcho, "ebike1", "e-bike outlet 1 socket DHT22 echo"),
                new PinAssignment(Ebike2TempTrigger, PinRole.DhtTrigger, "ebike2", "e-bike outlet 2 socket DHT22 trigger"),
                new PinAssignment(Ebike2TempEcho, PinRole.DhtEcho, "ebike2", "e-bike outlet 2 socket DHT22 echo"),
                new PinAssignment(PzemTx, PinRole.UartTx, "pzem-bus", "PZEM-004T bus TX (COM2)"),
                new PinAssignment(PzemRx, PinRole.UartRx, "pzem-bus", "PZEM-004T bus RX (COM2)"),
                new PinAssignment(StatusLed, PinRole.StatusLed, "status", "status LED")
            };
        }
    }
}
