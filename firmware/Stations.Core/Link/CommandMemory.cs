using System;
using System.Collections;
using System.Text;

namespace Stations.Core.Link
{
    /// <summary>
    /// The last 32 command ids and their results, kept in flash (a <see cref="GenerationFile"/> named `cmd…`), so a
    /// command delivered again — after a reconnect or a reboot — is answered with the stored result instead of running twice.
    /// </summary>
    public sealed class CommandMemory
    {
        /// <summary>How many ids are remembered.</summary>
        public const int Capacity = 32;

        /// <summary>Largest stored `data` object; a bigger one is stored without its data.</summary>
        public const int MaxStoredDataBytes = 512;

        private const int MaxFileBytes = 2 + (Capacity * (1 + 40 + 1 + 1 + 32 + 2 + 600 + 2 + MaxStoredDataBytes)) + 4;

        private const string FilePrefix = "cmd";

        private readonly IFlashStore _store;
        private readonly GenerationFile _file;
        private byte[] _loaded;
        private readonly ArrayList _entries = new ArrayList();

        /// <summary>Creates the memory over the store; call <see cref="Load"/> at boot.</summary>
        public CommandMemory(IFlashStore store)
        {
            _store = store;
            _file = new GenerationFile(store, FilePrefix);
        }

        /// <summary>Remembered entries, oldest first.</summary>
        public int Count { get { return _entries.Count; } }

        /// <summary>Loads the remembered ids; a damaged or missing file leaves the memory empty.</summary>
        public void Load()
        {
            _entries.Clear();
            bool damaged;
            int length;
            try
            {
                // Size the buffer to the largest file present rather than the worst case (RAM is scarce on the board).
                string[] names = _store.List(FilePrefix);
                int largest = 4;
                for (int i = 0; i < names.Length; i++)
                {
                    int size = _store.GetLength(names[i]);
                    if (size > largest && size <= MaxFileBytes)
                    {
                        largest = size;
                    }
                }

                _loaded = new byte[largest];
                length = _file.Load(_loaded, out damaged);
            }
            catch (Exception)
            {
                return;
            }

            byte[] buffer = _loaded;
            _loaded = null;
            if (length < 1)
            {
                return;
            }

            int count = buffer[0];
            int p = 1;
            for (int i = 0; i < count && p < length; i++)
            {
                RememberedCommand entry = new RememberedCommand();
                entry.Id = ReadString(buffer, ref p, 1);
                entry.Finished = buffer[p++] != 0;
                entry.Code = ReadString(buffer, ref p, 1);
                entry.Detail = ReadString(buffer, ref p, 2);
                int dataLength = buffer[p] | (buffer[p + 1] << 8);
                p += 2;
                if (dataLength > 0)
                {
                    entry.Data = new byte[dataLength];
                    Array.Copy(buffer, p, entry.Data, 0, dataLength);
                    p += dataLength;
                }

                if (p > length)
                {
                    break;
                }

                _entries.Add(entry);
            }
        }

        /// <summary>The entry for this id, or null.</summary>
        public RememberedCommand Find(string id)
        {
            for (int i = 0; i < _entries.Count; i++)
            {
                RememberedCommand entry = (RememberedCommand)_entries[i];
                if (entry.Id == id)
                {
                    return entry;
                }
            }

            return null;
        }

        /// <summary>The entry for the id; a new one (the oldest dropped past <see cref="Capacity"/>) when there is none.</summary>
        private RememberedCommand FindOrAdd(string id)
        {
            RememberedCommand entry = Find(id);
            if (entry == null)
            {
                entry = new RememberedCommand();
                entry.Id = id;
                _entries.Add(entry);
                while (_entries.Count > Capacity)
                {
                    _entries.RemoveAt(0);
                }
            }

            return entry;
        }

        /// <summary>Records, durably, that the command is about to run (written before it runs).</summary>
        public void MarkStarted(string id)
        {
            RememberedCommand entry = FindOrAdd(id);
            entry.Finished = false;
            Save();
        }

        /// <summary>Records, durably, the command's result.</summary>
        public void MarkFinished(string id, string code, string detail, byte[] data)
        {
            RememberedCommand entry = FindOrAdd(id);
            entry.Finished = true;
            entry.Code = code;
            entry.Detail = detail;
            entry.Data = data != null && data.Length <= MaxStoredDataBytes ? data : null;
            Save();
        }

        private void Save()
        {
            int size = 1;
            for (int i = 0; i < _entries.Count; i++)
            {
                RememberedCommand entry = (RememberedCommand)_entries[i];
                size += 1 + 40 + 1 + 1 + 32 + 2 + 600 + 2 + (entry.Data == null ? 0 : entry.Data.Length);
            }

            byte[] buffer = new byte[size];
            int p = 1;
            buffer[0] = (byte)_entries.Count;
            for (int i = 0; i < _entries.Count; i++)
            {
                RememberedCommand entry = (RememberedCommand)_entries[i];
                WriteString(buffer, ref p, entry.Id, 1, 40);
                buffer[p++] = (byte)(entry.Finished ? 1 : 0);
                WriteString(buffer, ref p, entry.Code, 1, 32);
                WriteString(buffer, ref p, entry.Detail, 2, 600);
                int dataLength = entry.Data == null ? 0 : entry.Data.Length;
                buffer[p++] = (byte)(dataLength & 0xFF);
                buffer[p++] = (byte)(dataLength >> 8);
                if (dataLength > 0)
                {
                    Array.Copy(entry.Data, 0, buffer, p, dataLength);
                    p += dataLength;
                }
            }

            byte[] scratch = new byte[p + 4];
            _file.Save(buffer, p, scratch);
        }

        private static void WriteString(byte[] buffer, ref int p, string value, int lengthBytes, int maxBytes)
        {
            byte[] bytes = value == null ? null : Encoding.UTF8.GetBytes(value);
            int length = bytes == null ? 0 : bytes.Length;
            if (length > maxBytes)
            {
                length = maxBytes;
            }

            buffer[p++] = (byte)(length & 0xFF);
            if (lengthBytes == 2)
            {
                buffer[p++] = (byte)(length >> 8);
            }

            if (length > 0)
            {
                Array.Copy(bytes, 0, buffer, p, length);
                p += length;
            }
        }

        private static string ReadString(byte[] buffer, ref int p, int lengthBytes)
        {
            int length = buffer[p++];
            if (lengthBytes == 2)
            {
                length |= buffer[p++] << 8;
            }

            if (length == 0)
            {
                return null;
            }

            string value = Encoding.UTF8.GetString(buffer, p, length);
            p += length;
            return value;
        }
    }
}
