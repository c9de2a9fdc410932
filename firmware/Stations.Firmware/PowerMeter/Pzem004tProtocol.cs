namespace Stations.Firmware.PowerMeter
{
    /// <summary>
    /// The PZEM-004T v3.0 Modbus RTU frames (9600 baud, 8N1). The station reads the ten input registers 0x0000-0x0009
    /// with function 0x04:
    /// request  = addr, 0x04, 0x00, 0x00, 0x00, 0x0A, crcLo, crcHi (8 bytes);
    /// response = addr, 0x04, 0x14, 20 data bytes, crcLo, crcHi (25 bytes);
    /// error    = addr, 0x84, code, crcLo, crcHi (5 bytes).
    /// Registers (big-endian words; 32-bit values low word first): 0 voltage 0.1 V; 1-2 current 0.001 A;
    /// 3-4 power 0.1 W; 5-6 energy 1 Wh; 7 frequency 0.1 Hz; 8 power factor 0.01; 9 alarm (0xFFFF = on).
    /// </summary>
    public static class Pzem004tProtocol
    {
        /// <summary>Function code "read input registers".</summary>
        public const byte ReadInputRegisters = 0x04;

        /// <summary>Length of the read request frame.</summary>
        public const int RequestLength = 8;

        /// <summary>Length of a complete measurement response.</summary>
        public const int ResponseLength = 25;

        /// <summary>Length of a Modbus exception response.</summary>
        public const int ErrorResponseLength = 5;

        /// <summary>Lowest and highest slave address a meter may be given (0xF8 is the "any meter" address for set-up only).</summary>
        public const byte MinAddress = 0x01;

        /// <summary>Highest assignable slave address.</summary>
        public const byte MaxAddress = 0xF7;

        /// <summary>Fills <paramref name="frame"/> (at least 8 bytes) with the request for all ten measurement registers.</summary>
        public static void BuildReadRequest(byte address, byte[] frame)
        {
            frame[0] = address;
            frame[1] = ReadInputRegisters;
            frame[2] = 0x00;
            frame[3] = 0x00;
            frame[4] = 0x00;
            frame[5] = 0x0A;
            ModbusCrc16.Append(frame, 6);
        }

        /// <summary>
        /// Checks a received frame: the right address and function, 20 data bytes and a valid CRC. Returns false for an
        /// exception response, a short or corrupt frame, or one from another meter.
        /// </summary>
        public static bool IsValidResponse(byte address, byte[] frame, int length)
        {
            return length == ResponseLength
                && frame[0] == address
                && frame[1] == ReadInputRegisters
                && frame[2] == 20
                && ModbusCrc16.IsValid(frame, length);
        }

        /// <summary>True when the frame is a well-formed Modbus exception (error) response from this meter.</summary>
        public static bool IsErrorResponse(byte address, byte[] frame, int length)
        {
            return length == ErrorResponseLength
                && frame[0] == address
                && frame[1] == (ReadInputRegisters | 0x80)
                && ModbusCrc16.IsValid(frame, length);
        }

        /// <summary>Voltage in volts from a valid response.</summary>
        public static double VoltageVolts(byte[] frame)
        {
            return Word(frame, 0) * 0.1;
        }

        /// <summary>Current in amperes from a valid response.</summary>
        public static double CurrentAmperes(byte[] frame)
        {
            return DoubleWord(frame, 1) * 0.001;
        }

        /// <summary>Active power in watts from a valid response.</summary>
        public static double PowerWatts(byte[] frame)
        {
            return DoubleWord(frame, 3) * 0.1;
        }

        /// <summary>Energy counter in watt-hours from a valid response (the meter's own total, kept across power loss).</summary>
        public static double EnergyWattHours(byte[] frame)
        {
            return DoubleWord(frame, 5);
        }

        /// <summary>Mains frequency in hertz from a valid response.</summary>
        public static double FrequencyHertz(byte[] frame)
        {
            return Word(frame, 7) * 0.1;
        }

        /// <summary>Power factor (0 … 1) from a valid response.</summary>
        public static double PowerFactor(byte[] frame)
        {
            return Word(frame, 8) * 0.01;
        }

        // Register n sits at data offset 3 + 2n, high byte first.
        private static int Word(byte[] frame, int register)
        {
            int at = 3 + (2 * register);
            return (frame[at] << 8) | frame[at + 1];
        }

        // 32-bit values: the low 16-bit word is in the first register, the high word in the next.
        private static long DoubleWord(byte[] frame, int lowRegister)
        {
            long low = Word(frame, lowRegister);
            long high = Word(frame, lowRegister + 1);
            return (high << 16) | low;
        }
    }
}
