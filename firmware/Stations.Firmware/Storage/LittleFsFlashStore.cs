using System.IO;
using Stations.Core.Link;

namespace Stations.Firmware.Storage
{
    /// <summary>
    /// <see cref="IFlashStore"/> on the ESP32's internal LittleFS drive (`I:\`). Every write opens, writes and closes
    /// the file, because LittleFS commits on close (FileStream.Flush only reaches fflush). Appends use FileMode.Append
    /// (File.AppendText does not append on nanoFramework); File.Move cannot replace, so Rename refuses an existing target.
    /// </summary>
    public sealed class LittleFsFlashStore : IFlashStore
    {
        /// <summary>The internal flash drive on nanoFramework ESP32 targets.</summary>
        public const string InternalDrive = "I:\\";

        private readonly string _root;

        /// <summary>Uses files directly in <paramref name="root"/> (<see cref="InternalDrive"/> on the device).</summary>
        public LittleFsFlashStore(string root)
        {
            _root = root;
        }

        /// <inheritdoc />
        public string[] List(string prefix)
        {
            string[] paths = Directory.GetFiles(_root);
            int matches = 0;
            for (int i = 0; i < paths.Length; i++)
            {
                if (Path.GetFileName(paths[i]).StartsWith(prefix))
                {
                    matches++;
                }
            }

            string[] names = new string[matches];
            int next = 0;
            for (int i = 0; i < paths.Length; i++)
            {
                string name = Path.GetFileName(paths[i]);
                if (name.StartsWith(prefix))
                {
                    names[next] = name;
                    next++;
                }
            }

            return names;
        }

        /// <inheritdoc />
        public int GetLength(string name)
        {
            string path = PathOf(name);
            if (!File.Exists(path))
            {
                return -1;
            }

            return (int)new FileInfo(path).Length;
        }

        /// <inheritdoc />
        public int Read(string name, int fileOffset, byte[] buffer, int bufferOffset, int count)
        {
            string path = PathOf(name);
            if (!File.Exists(path))
            {
                return 0;
            }

            FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read);
            try
            {
                if (fileOffset >= stream.Length)
                {
                    return 0;
                }

                stream.Seek(fileOffset, SeekOrigin.Begin);
                int total = 0;
                while (total < count)
                {
                    int read = stream.Read(buffer, bufferOffset + total, count - total);
                    if (read <= 0)
                    {
                        break;
                    }

                    total += read;
                }

                return total;
            }
            finally
            {
                stream.Close();
            }
        }

        /// <inheritdoc />
        public void Append(string name, byte[] data, int offset, int count)
        {
            FileStream stream = new FileStream(PathOf(name), FileMode.Append);
            try
            {
                stream.Write(data, offset, count);
            }
            finally
            {
                // Close is the commit point on LittleFS.
                stream.Close();
            }
        }

        /// <inheritdoc />
        public void WriteNew(string name, byte[] data, int offset, int count)
        {
            string path = PathOf(name);
            if (File.Exists(path))
            {
                throw new IOException("flash store: cannot create '" + name + "': it already exists; delete it first");
            }

            FileStream stream = new FileStream(path, FileMode.Create);
            try
            {
                stream.Write(data, offset, count);
            }
            finally
            {
                stream.Close();
            }
        }

        /// <inheritdoc />
        public void Delete(string name)
        {
            string path = PathOf(name);
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }

        /// <inheritdoc />
        public void Rename(string from, string to)
        {
            string target = PathOf(to);
            if (File.Exists(target))
            {
                throw new IOException("flash store: cannot rename '" + from + "' to '" + to + "': the target exists; delete it first");
            }

            File.Move(PathOf(from), target);
        }

        private string PathOf(string name)
        {
            return Path.Combine(_root, name);
        }
    }
}
