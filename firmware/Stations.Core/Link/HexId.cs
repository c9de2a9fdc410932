namespace Stations.Core.Link
{
    /// <summary>Converts 32-bit ids (boot ids) to and from 8 lowercase hex characters.</summary>
    public static class HexId
    {
        /// <summary>8 lowercase hex characters.</summary>
        public static string ToHex(uint value)
        {
            return Stations.Core.Protocol.Crc32.ToHex(value);
        }

        /// <summary>Parses exactly 8 lowercase hex characters; false for anything else.</summary>
        public static bool TryParse(string text, out uint value)
        {
            value = 0;
            if (text == null || text.Length != 8)
            {
                return false;
            }

            for (int i = 0; i < 8; i++)
            {
                char c = text[i];
                uint nibble;
                if (c >= '0' && c <= '9')
                {
                    nibble = (uint)(c - '0');
                }
                else if (c >= 'a' && c <= 'f')
                {
                    nibble = (uint)(c - 'a' + 10);
                }
                else
                {
                    return false;
                }

                value = (value << 4) | nibble;
            }

            return true;
        }
    }
}
