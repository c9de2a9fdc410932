namespace Stations.Core.Link
{
    /// <summary>
    /// The few file operations the outbox needs, with exactly the guarantees LittleFS (`I:` on ESP32) gives.
    /// Names are flat (no folders), ASCII, at most 24 characters. Every member throws System.IO.IOException when the
    /// flash fails; after such an exception the affected file may hold any prefix of the bytes being written.
    /// </summary>
    public interface IFlashStore
    {
        /// <summary>Names of all files whose name starts with <paramref name="prefix"/>, in no particular order.</summary>
        string[] List(string prefix);

        /// <summary>Size of the file in bytes, or -1 when it does not exist.</summary>
        int GetLength(string name);

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes starting at <paramref name="fileOffset"/> into the buffer and returns
        /// how many were read (fewer at the end of the file, 0 past it or when the file does not exist).
        /// </summary>
        int Read(string name, int fileOffset, byte[] buffer, int bufferOffset, int count);

        /// <summary>
        /// Opens the file for appending (creating it when missing), writes the bytes and closes it. Durable only once this
        /// returns: LittleFS commits on close, so a power cut during the call keeps the old contents (the outbox still
        /// tolerates any prefix of the new bytes, in case an adapter flushes early).
        /// </summary>
        void Append(string name, byte[] data, int offset, int count);

        /// <summary>Creates a new file with exactly these bytes and closes it (durable on return). Throws if it exists.</summary>
        void WriteNew(string name, byte[] data, int offset, int count);

        /// <summary>Deletes the file; atomic. Does nothing when it does not exist.</summary>
        void Delete(string name);

        /// <summary>Renames a file; atomic. Throws when <paramref name="to"/> exists (LittleFS/File.Move cannot replace).</summary>
        void Rename(string from, string to);
    }
}
