using System;
using System.Collections;
using Stations.Core.Station;

namespace Stations.Core.Link
{
    /// <summary>
    /// The locked-out outlet ids in flash: a <see cref="GenerationFile"/> named `lock…` holding a count byte, then per id
    /// a length byte and its ASCII characters, then the CRC-32, so a power cut during a save keeps the old or the new set.
    /// A damaged file with no good generation counts every outlet asked about as locked out (the safe side).
    /// </summary>
    public sealed class FlashLockoutStore : ILockoutStore
    {
        /// <summary>Most locked-out outlets kept (far more than a station has).</summary>
        public const int MaxIds = 32;

        /// <summary>Longest device id (docs/protocol.md: `^[a-z][a-z0-9-]{0,15}$`).</summary>
        public const int MaxIdLength = 16;

        private const int MaxContentBytes = 1 + (MaxIds * (1 + MaxIdLength));

        private const string FilePrefix = "lock";

        private readonly GenerationFile _file;
        private readonly ArrayList _ids = new ArrayList();
        private readonly byte[] _buffer = new byte[MaxContentBytes + 4];
        private readonly byte[] _scratch = new byte[MaxContentBytes + 4];
        private bool _unreadable;

        /// <summary>Creates the store over the flash and loads the stored set.</summary>
        public FlashLockoutStore(IFlashStore store)
        {
            _file = new GenerationFile(store, FilePrefix);
            Load();
        }

        /// <summary>True when the file was damaged or the flash failed at boot: every outlet asked about counts as locked.</summary>
        public bool WasUnreadable { get { return _unreadable; } }

        /// <summary>How many outlets are stored as locked out.</summary>
        public int Count { get { return _ids.Count; } }

        /// <inheritdoc />
        public bool IsLocked(string deviceId)
        {
            if (Has(deviceId))
            {
                return true;
            }

            if (_unreadable && _ids.Count < MaxIds)
            {
                // Remember it, so a later save (a reset of another outlet) keeps this one locked too.
                _ids.Add(deviceId);
                return true;
            }

            return _unreadable;
        }

        /// <inheritdoc />
        public bool TrySave(string deviceId, bool locked)
        {
            if (deviceId == null || deviceId.Length == 0 || deviceId.Length > MaxIdLength)
            {
                return false;
            }

            bool had = Has(deviceId);
            if (locked && !had)
            {
                if (_ids.Count >= MaxIds)
                {
                    return false;
                }

                _ids.Add(deviceId);
            }
            else if (!locked && had)
            {
                _ids.Remove(deviceId);
            }

            int count = 0;
            _buffer[count++] = (byte)_ids.Count;
            for (int i = 0; i < _ids.Count; i++)
            {
                string id = (string)_ids[i];
                _buffer[count++] = (byte)id.Length;
                for (int c = 0; c < id.Length; c++)
                {
                    _buffer[count++] = (byte)id[c];
                }
            }

            try
            {
                _file.Save(_buffer, count, _scratch);
            }
            catch (Exception)
            {
                // Not saved: keep the id locked in memory (the safe side) so the next save still carries it.
                if (!Has(deviceId))
                {
                    _ids.Add(deviceId);
                }

                return false;
            }

            return true;
        }

        private bool Has(string deviceId)
        {
            for (int i = 0; i < _ids.Count; i++)
            {
                if ((string)_ids[i] == deviceId)
                {
                    return true;
                }
            }

            return false;
        }

        private void Load()
        {
            _ids.Clear();
            bool damaged;
            int length;
            try
            {
                length = _file.Load(_buffer, out damaged);
            }
            catch (Exception)
            {
                _unreadable = true;
                return;
            }

            if (length < 0)
            {
                _unreadable = damaged;
                return;
            }

            if (!Parse(length))
            {
                _ids.Clear();
                _unreadable = true;
            }
        }

        private bool Parse(int length)
        {
            if (length < 1)
            {
                return false;
            }

            int n = _buffer[0];
            int p = 1;
            for (int i = 0; i < n; i++)
            {
                if (p >= length)
                {
                    return false;
                }

                int idLength = _buffer[p++];
                if (idLength < 1 || idLength > MaxIdLength || p + idLength > length)
                {
                    return false;
                }

                char[] chars = new char[idLength];
                for (int c = 0; c < idLength; c++)
                {
                    chars[c] = (char)_buffer[p + c];
                }

                p += idLength;
                _ids.Add(new string(chars));
            }

            return p == length;
        }
    }
}
