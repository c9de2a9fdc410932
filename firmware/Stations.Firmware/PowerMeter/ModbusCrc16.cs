namespace Stations.Firmware.PowerMeter
{
    /// <summary>
    /// CRC-16/MODBUS: polynomial 0x8005 reflected (0xA001), initial value 0xFFFF, no final XOR; sent low byte first.
    /// Check value: "123456789" gives 0x4B37.
    /// </summary>
    public static class ModbusCrc16
    {
        /// <summary>Computes the CRC of <paramref name="count"/> bytes starting at <paramref name="offset"/>.</summary>
        public static ushort Compute(byte[] data, int offset, int count)
        {
            int crc = 0xFFFF;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc ^= data[i];
                for (int bit = 0; bit < 8; bit++)
                {
                    if ((crc & 1) != 0)
                    {
                        crc = (crc >> 1) ^ 0xA001;
                    }
                    else
                    {
                        crc >>= 1;
                    }
                }
            }

            return (ushort)crc;
        }

        /// <summary>Writes the CRC of the first <paramref name="count"/> bytes into the two bytes after them (low byte first).</summary>
        public static void Append(byte[] frame, int count)
        {
            ushort crc = Compute(frame, 0, count);
            frame[count] = (byte)(crc & 0xFF);
            frame[count + 1] = (byte)(crc >> 8);
        }

        /// <summary>True when the last two bytes of the <paramref name="length"/>-byte frame are the CRC of the rest.</summary>
        public static bool IsValid(byte[] frame, int length)
        {
            if (length < 3)
            {
                return false;
            }

            ushort crc = Compute(frame, 0, length - 2);
            return frame[length - 2] == (byte)(crc & 0xFF) && frame[length - 1] == (byte)(crc >> 8);
        }
    }
}
