using System;

namespace Stations.Core.Link
{
    /// <summary>
    /// A small file replaced safely on LittleFS: each save writes a new generation (`prefix` + 8 digits) with a CRC-32
    /// trailer, closes it, then deletes the old one. Loading takes the highest generation whose CRC is right and deletes the
    /// rest, so a power cut at any byte of a save leaves either the old or the new contents, never a mix.
    /// </summary>
    public sealed class GenerationFile
    {
        private readonly IFlashStore _store;
        private readonly string _prefix;
        private string _current;
        private int _nextGeneration = 1;

        /// <summary>Creates the helper for files named <paramref name="prefix"/> + 8 digits.</summary>
        public GenerationFile(IFlashStore store, string prefix)
        {
            _store = store;
            _prefix = prefix;
        }

        /// <summary>
        /// Loads the newest valid generation into <paramref name="buffer"/> and returns its content length, or -1 when there
        /// is none. Deletes older and damaged generations. <paramref name="damaged"/> is true when a damaged file was found.
        /// </summary>
        public int Load(byte[] buffer, out bool damaged)
        {
            damaged = false;
            string[] names = _store.List(_prefix);
            int bestGeneration = -1;
            int bestLength = -1;
            string best = null;
            for (int i = 0; i < names.Length; i++)
            {
                int generation = ParseGeneration(names[i]);
                if (generation < 0)
                {
                    continue;
                }

                if (generation >= _nextGeneration)
                {
                    _nextGeneration = generation + 1;
                }

                if (generation <= bestGeneration)
                {
                    continue;
                }

                int length = ReadValid(names[i], buffer);
                if (length < 0)
                {
                    damaged = true;
                    continue;
                }

                bestGeneration = generation;
                bestLength = length;
                best = names[i];
            }

            if (best != null && ReadValid(best, buffer) != bestLength)
            {
                bestLength = -1;
                best = null;
            }

            for (int i = 0; i < names.Length; i++)
            {
                if (ParseGeneration(names[i]) >= 0 && names[i] != best)
                {
                    _store.Delete(names[i]);
                }
            }

            _current = best;
            return bestLength;
        }

        /// <summary>Saves data[0 .. count) as the next generation; <paramref name="scratch"/> must hold count + 4 bytes.</summary>
        public void Save(byte[] data, int count, byte[] scratch)
        {
            Array.Copy(data, 0, scratch, 0, count);
            OutboxRecord.PutUInt32(scratch, count, Stations.Core.Protocol.Crc32.Compute(data, 0, count));
            string name = _prefix + Digits8(_nextGeneration);
            _nextGeneration++;
            _store.WriteNew(name, scratch, 0, count + 4);
            if (_current != null)
            {
                _store.Delete(_current);
            }

            _current = name;
        }

        /// <summary>8 decimal digits with leading zeros.</summary>
        public static string Digits8(int value)
        {
            char[] chars = new char[8];
            for (int i = 7; i >= 0; i--)
            {
                chars[i] = (char)('0' + (value % 10));
                value /= 10;
            }

            return new string(chars);
        }

        /// <summary>Parses exactly 8 digits at <paramref name="start"/>; -1 when they are not there.</summary>
        public static int ParseDigits8(string text, int start)
        {
            if (text.Length < start + 8)
            {
                return -1;
            }

            int value = 0;
            for (int i = start; i < start + 8; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                value = (value * 10) + (c - '0');
            }

            return value;
        }

        private int ParseGeneration(string name)
        {
            if (name.Length != _prefix.Length + 8 || !name.StartsWith(_prefix))
            {
                return -1;
            }

            return ParseDigits8(name, _prefix.Length);
        }

        private int ReadValid(string name, byte[] buffer)
        {
            int length = _store.GetLength(name);
            if (length < 4 || length > buffer.Length)
            {
                return -1;
            }

            if (_store.Read(name, 0, buffer, 0, length) != length)
            {
                return -1;
            }

            uint expected = OutboxRecord.GetUInt32(buffer, length - 4);
            return Stations.Core.Protocol.Crc32.Compute(buffer, 0, length - 4) == expected ? length - 4 : -1;
        }
    }
}
