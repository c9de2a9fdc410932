namespace Stations.Firmware.Board
{
    /// <summary>
    /// What each ESP32 (classic, WROVER-E module) GPIO may be used for. Returns a sentence naming the problem and the fix,
    /// or null when the use is allowed, so a bad pin in a station config is refused with a clear message.
    /// </summary>
    public static class Esp32PinRules
    {
        /// <summary>True for GPIO numbers that exist on the ESP32 (0-39 without 20, 24, 28-31).</summary>
        public static bool Exists(int gpio)
        {
            return gpio >= 0 && gpio <= 39 && gpio != 20 && gpio != 24 && (gpio < 28 || gpio > 31);
        }

        /// <summary>GPIO 6-11 are wired to the module's SPI flash.</summary>
        public static bool IsFlashPin(int gpio)
        {
            return gpio >= 6 && gpio <= 11;
        }

        /// <summary>GPIO 16-17 drive the PSRAM on WROVER modules.</summary>
        public static bool IsPsramPin(int gpio)
        {
            return gpio == 16 || gpio == 17;
        }

        /// <summary>GPIO 1 and 3 are UART0, which nanoff and the debugger use.</summary>
        public static bool IsConsolePin(int gpio)
        {
            return gpio == 1 || gpio == 3;
        }

        /// <summary>GPIO 34-39 are inputs only and have no internal pull-up or pull-down.</summary>
        public static bool IsInputOnly(int gpio)
        {
            return gpio >= 34 && gpio <= 39;
        }

        /// <summary>Strapping pins 0, 2, 5, 12, 15 are sampled at reset and can glitch or change the boot mode.</summary>
        public static bool IsStrapping(int gpio)
        {
            return gpio == 0 || gpio == 2 || gpio == 5 || gpio == 12 || gpio == 15;
        }

        /// <summary>ADC2 channels: their analog readings are unavailable while Wi-Fi is on.</summary>
        public static bool IsAdc2(int gpio)
        {
            return gpio == 0 || gpio == 2 || gpio == 4 || (gpio >= 12 && gpio <= 15) || (gpio >= 25 && gpio <= 27);
        }

        /// <summary>Why <paramref name="gpio"/> cannot be used at all, or null.</summary>
        public static string CheckUsable(int gpio)
        {
            if (!Exists(gpio))
            {
                return "GPIO " + gpio.ToString() + " does not exist on the ESP32; use a pin from hardware/pinmap.md";
            }

            if (IsFlashPin(gpio))
            {
                return "GPIO " + gpio.ToString() + " is wired to the SPI flash (6-11); use a free pin from hardware/pinmap.md";
            }

            if (IsPsramPin(gpio))
            {
                return "GPIO " + gpio.ToString() + " drives the PSRAM on the WROVER module (16-17); use a free pin from hardware/pinmap.md";
            }

            if (IsConsolePin(gpio))
            {
                return "GPIO " + gpio.ToString() + " is UART0, used for flashing and debugging (1, 3); use a free pin from hardware/pinmap.md";
            }

            return null;
        }

        /// <summary>Why <paramref name="gpio"/> cannot drive a relay, or null.</summary>
        public static string CheckRelay(int gpio)
        {
            string problem = CheckUsable(gpio);
            if (problem != null)
            {
                return problem;
            }

            if (IsInputOnly(gpio))
            {
                return "GPIO " + gpio.ToString() + " is input-only (34-39) and cannot drive a relay; use an output pin from hardware/pinmap.md";
            }

            if (IsStrapping(gpio))
            {
                return "GPIO " + gpio.ToString() + " is a strapping pin (0, 2, 5, 12, 15) that can glitch at reset and click the relay; use another output pin";
            }

            return null;
        }

        /// <summary>
        /// Why <paramref name="gpio"/> cannot send a DHT22 start pulse, or null. Like a relay pin, except strapping pin 5:
        /// it must be high at reset, which the DHT22 data line's pull-up guarantees.
        /// </summary>
        public static string CheckDhtTrigger(int gpio)
        {
            return gpio == 5 ? null : CheckRelay(gpio);
        }

        /// <summary>Why <paramref name="gpio"/> cannot read a contact, or null (input-only pins need an external pull-up).</summary>
        public static string CheckInput(int gpio)
        {
            string problem = CheckUsable(gpio);
            if (problem != null)
            {
                return problem;
            }

            if (gpio == 12)
            {
                return "GPIO 12 must be low at reset (it selects the flash voltage); a contact with a pull-up there stops the board from booting";
            }

            return null;
        }
    }
}
