namespace Stations.Core.Protocol
{
    /// <summary>
    /// CRC-32/IEEE (poly 0xEDB88320 reflected, init and final xor 0xFFFFFFFF; "123456789" → 0xCBF43926), table-driven.
    /// Used for the config hash (`cfg`) and for outbox record checksums.
    /// </summary>
    public static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        /// <summary>The initial running value for <see cref="Update"/>.</summary>
        public const uint Seed = 0xFFFFFFFF;

        /// <summary>CRC-32 of bytes[offset .. offset+count).</summary>
        public static uint Compute(byte[] bytes, int offset, int count)
        {
            return Finish(Update(Seed, bytes, offset, count));
        }

        /// <summary>CRC-32 of the whole array.</summary>
        public static uint Compute(byte[] bytes)
        {
            return Compute(bytes, 0, bytes.Length);
        }

        /// <summary>Feeds more bytes into a running value that started at <see cref="Seed"/>; call <see cref="Finish"/> at the end.</summary>
        public static uint Update(uint running, byte[] bytes, int offset, int count)
        {
            uint crc = running;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc = Table[(crc ^ bytes[i]) & 0xFF] ^ (crc >> 8);
            }

            return crc;
        }

        /// <summary>Turns a running value into the final CRC.</summary>
        public static uint Finish(uint running)
        {
            return running ^ 0xFFFFFFFF;
        }

        /// <summary>The CRC as 8 lowercase hex characters, as the protocol's `cfg` field expects.</summary>
        public static string ToHex(uint crc)
        {
            char[] chars = new char[8];
            for (int i = 7; i >= 0; i--)
            {
                int nibble = (int)(crc & 0xF);
                chars[i] = (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
                crc >>= 4;
            }

            return new string(chars);
        }

        private static uint[] BuildTable()
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
