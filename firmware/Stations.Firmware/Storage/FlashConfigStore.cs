using Stations.Core.Link;
using Stations.Core.Station;

namespace Stations.Firmware.Storage
{
    /// <summary>
    /// Keeps the station config on `I:`. The technician uploads `station.json` once (docs/flashing.md); every config
    /// the gateway pushes later (`config.set`) is saved as a CRC-checked generation file, which wins at the next boot.
    /// A power cut while saving leaves the previous config in force, never half of each.
    /// </summary>
    public sealed class FlashConfigStore : IConfigStore
    {
        /// <summary>The config file a technician uploads.</summary>
        public const string UploadedFileName = "station.json";

        /// <summary>Prefix of the configs saved after `config.set`.</summary>
        public const string SavedPrefix = "stationcfg-";

        /// <summary>Largest config accepted (the protocol's command limit is 8,192 bytes).</summary>
        public const int MaxConfigBytes = 8192;

        private readonly IFlashStore _store;
        private readonly GenerationFile _saved;
        private readonly byte[] _scratch = new byte[MaxConfigBytes + 4];

        /// <summary>Creates the store over the flash drive.</summary>
        public FlashConfigStore(IFlashStore store)
        {
            _store = store;
            _saved = new GenerationFile(store, SavedPrefix);
        }

        /// <summary>True when the last <see cref="Load"/> found a damaged saved config (and fell back).</summary>
        public bool LastLoadFoundDamage { get; private set; }

        /// <summary>
        /// Loads the config in force into <paramref name="buffer"/> (at least <see cref="MaxConfigBytes"/> + 4 bytes) and
        /// returns its length, or -1 when there is none (the station then runs with every device off until one arrives).
        /// </summary>
        public int Load(byte[] buffer)
        {
            bool damaged;
            int length = _saved.Load(buffer, out damaged);
            LastLoadFoundDamage = damaged;
            if (length >= 0)
            {
                return length;
            }

            int uploaded = _store.GetLength(UploadedFileName);
            if (uploaded < 0 || uploaded > MaxConfigBytes)
            {
                return -1;
            }

            return _store.Read(UploadedFileName, 0, buffer, 0, uploaded);
        }

        /// <inheritdoc />
        public bool TrySaveConfig(byte[] json, int offset, int count)
        {
            if (count <= 0 || count > MaxConfigBytes)
            {
                return false;
            }

            try
            {
                byte[] data = new byte[count];
                System.Array.Copy(json, offset, data, 0, count);
                _saved.Save(data, count, _scratch);
                return true;
            }
            catch (System.IO.IOException)
            {
                return false;
            }
        }
    }
}
