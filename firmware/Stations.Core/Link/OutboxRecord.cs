namespace Stations.Core.Link
{
    /// <summary>
    /// One stored message: header fields plus the payload bytes, in a reusable buffer (docs/outbox.md, "Record format").
    /// </summary>
    public sealed class OutboxRecord
    {
        /// <summary>Bytes per slot; a record takes a whole number of slots.</summary>
        public const int SlotBytes = 128;

        /// <summary>Bytes of the record header at the start of its first slot.</summary>
        public const int HeaderBytes = 24;

        /// <summary>Largest payload (the protocol's limit for telemetry, events and results).</summary>
        public const int MaxPayloadBytes = 1024;

        /// <summary>Slots of the largest record.</summary>
        public const int MaxSlots = (HeaderBytes + MaxPayloadBytes + SlotBytes - 1) / SlotBytes;

        /// <summary>First two header bytes, "OB".</summary>
        public const byte Magic0 = 0x4F;

        /// <summary>Second magic byte.</summary>
        public const byte Magic1 = 0x42;

        /// <summary>Record format version.</summary>
        public const byte FormatVersion = 1;

        /// <summary>One of <see cref="OutboxRecordKind"/>.</summary>
        public byte Kind;

        /// <summary>Boot id the message belongs to.</summary>
        public uint Boot;

        /// <summary>Sequence number within that boot.</summary>
        public int Seq;

        /// <summary>Slots the record occupies in its segment file.</summary>
        public int Slots;

        /// <summary>Payload length in bytes.</summary>
        public int PayloadLength;

        /// <summary>Payload bytes (valid up to <see cref="PayloadLength"/>) once read with the payload.</summary>
        public readonly byte[] Payload = new byte[MaxPayloadBytes];

        /// <summary>Slots needed for a payload of this size.</summary>
        public static int SlotsFor(int payloadBytes)
        {
            return (HeaderBytes + payloadBytes + SlotBytes - 1) / SlotBytes;
        }

        /// <summary>
        /// Encodes a whole record into <paramref name="dest"/> (at least <see cref="MaxSlots"/> × <see cref="SlotBytes"/>
        /// bytes) and returns its length: magic, version, kind, length, slots, boot, seq, header CRC, payload CRC, payload,
        /// then 0xFF padding to the slot boundary.
        /// </summary>
        public static int Encode(byte kind, uint boot, int seq, byte[] payload, int offset, int count, byte[] dest)
        {
            int slots = SlotsFor(count);
            dest[0] = Magic0;
            dest[1] = Magic1;
            dest[2] = FormatVersion;
            dest[3] = kind;
            dest[4] = (byte)(count & 0xFF);
            dest[5] = (byte)((count >> 8) & 0xFF);
            dest[6] = (byte)slots;
            dest[7] = 0;
            PutUInt32(dest, 8, boot);
            PutUInt32(dest, 12, (uint)seq);
            PutUInt32(dest, 16, Stations.Core.Protocol.Crc32.Compute(dest, 0, 16));
            PutUInt32(dest, 20, Stations.Core.Protocol.Crc32.Compute(payload, offset, count));
            System.Array.Copy(payload, offset, dest, HeaderBytes, count);
            int total = slots * SlotBytes;
            for (int i = HeaderBytes + count; i < total; i++)
            {
                dest[i] = 0xFF;
            }

            return total;
        }

        /// <summary>
        /// Decodes a header from buffer[offset .. offset+24) into this record; false when the magic, version, kind,
        /// header CRC or the length/slot relation is wrong. Leaves the expected payload CRC in <paramref name="payloadCrc"/>.
        /// </summary>
        public bool TryDecodeHeader(byte[] buffer, int offset, out uint payloadCrc)
        {
            payloadCrc = 0;
            if (buffer[offset] != Magic0 || buffer[offset + 1] != Magic1 || buffer[offset + 2] != FormatVersion)
            {
                return false;
            }

            if (GetUInt32(buffer, offset + 16) != Stations.Core.Protocol.Crc32.Compute(buffer, offset, 16))
            {
                return false;
            }

            int kind = buffer[offset + 3];
            int length = buffer[offset + 4] | (buffer[offset + 5] << 8);
            int slots = buffer[offset + 6];
            if (!OutboxRecordKind.IsValid(kind) || length > MaxPayloadBytes || slots != SlotsFor(length))
            {
                return false;
            }

            Kind = (byte)kind;
            PayloadLength = length;
            Slots = slots;
            Boot = GetUInt32(buffer, offset + 8);
            Seq = (int)GetUInt32(buffer, offset + 12);
            payloadCrc = GetUInt32(buffer, offset + 20);
            return Seq > 0;
        }

        /// <summary>Writes a little-endian uint.</summary>
        public static void PutUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)(value & 0xFF);
            buffer[offset + 1] = (byte)((value >> 8) & 0xFF);
            buffer[offset + 2] = (byte)((value >> 16) & 0xFF);
            buffer[offset + 3] = (byte)((value >> 24) & 0xFF);
        }

        /// <summary>Reads a little-endian uint.</summary>
        public static uint GetUInt32(byte[] buffer, int offset)
        {
            return (uint)buffer[offset] | ((uint)buffer[offset + 1] << 8) | ((uint)buffer[offset + 2] << 16) | ((uint)buffer[offset + 3] << 24);
        }
    }
}
