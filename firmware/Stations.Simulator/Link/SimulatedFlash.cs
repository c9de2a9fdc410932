using Stations.Core.Link;
using Stations.Simulator.World;

namespace Stations.Simulator.Link;

/// <summary>
/// An in-memory flash file system with LittleFS's guarantees: every call is durable when it returns, delete and
/// rename are atomic, rename never replaces. It survives a simulated reboot (a new Core runtime is built over the
/// same instance) and can corrupt a stored record or tear a write on demand.
/// </summary>
public sealed class SimulatedFlash : IFlashStore
{
    private readonly Dictionary<string, List<byte>> _files = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private int _tearNextWriteAfterBytes = -1;

    /// <summary>Creates a store with a capacity (256 KB: the config partition of a 4 MB module).</summary>
    public SimulatedFlash(int capacityBytes = 256 * 1024) => CapacityBytes = capacityBytes;

    /// <summary>Total space; writes beyond it throw IOException as a full LittleFS would.</summary>
    public int CapacityBytes { get; }

    /// <summary>Bytes in use (file contents only).</summary>
    public int UsedBytes
    {
        get { lock (_gate) return _files.Values.Sum(f => f.Count); }
    }

    /// <summary>Records corrupted on demand so far.</summary>
    public int CorruptionsInjected { get; private set; }

    /// <inheritdoc />
    public string[] List(string prefix)
    {
        lock (_gate) return _files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
    }

    /// <inheritdoc />
    public int GetLength(string name)
    {
        lock (_gate) return _files.TryGetValue(name, out var f) ? f.Count : -1;
    }

    /// <inheritdoc />
    public int Read(string name, int fileOffset, byte[] buffer, int bufferOffset, int count)
    {
        lock (_gate)
        {
            if (!_files.TryGetValue(name, out var f) || fileOffset >= f.Count) return 0;
            int n = Math.Min(count, f.Count - fileOffset);
            f.CopyTo(fileOffset, buffer, bufferOffset, n);
            return n;
        }
    }

    /// <inheritdoc />
    public void Append(string name, byte[] data, int offset, int count)
    {
        lock (_gate)
        {
            CheckName(name);
            if (!_files.TryGetValue(name, out var f)) _files[name] = f = [];
            Write(f, name, data, offset, count);
        }
    }

    /// <inheritdoc />
    public void WriteNew(string name, byte[] data, int offset, int count)
    {
        lock (_gate)
        {
            CheckName(name);
            if (_files.ContainsKey(name)) throw new IOException($"flash: '{name}' already exists");
            var f = new List<byte>(count);
            _files[name] = f;
            Write(f, name, data, offset, count);
        }
    }

    /// <inheritdoc />
    public void Delete(string name)
    {
        lock (_gate) _files.Remove(name);
    }

    /// <inheritdoc />
    public void Rename(string from, string to)
    {
        lock (_gate)
        {
            CheckName(to);
            if (_files.ContainsKey(to)) throw new IOException($"flash: cannot rename '{from}' to '{to}': the target exists");
            if (!_files.Remove(from, out var f)) throw new IOException($"flash: cannot rename '{from}': no such file");
            _files[to] = f;
        }
    }

    /// <summary>
    /// Fault: flips one byte inside a file whose name starts with <paramref name="prefix"/> (an outbox segment),
    /// as a worn flash page would. Returns the file touched, or null when there is none.
    /// </summary>
    public string? CorruptRecord(SimRandom random, string prefix = "")
    {
        lock (_gate)
        {
            var candidates = _files.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal) && kv.Value.Count > 0)
                .Select(kv => kv.Key).Order(StringComparer.Ordinal).ToArray();
            if (candidates.Length == 0) return null;
            string name = candidates[random.Between(0, candidates.Length)];
            var f = _files[name];
            int at = random.Between(0, f.Count);
            f[at] ^= 0x5A;
            CorruptionsInjected++;
            return name;
        }
    }

    /// <summary>Fault: the next write stops after <paramref name="bytes"/> bytes and throws (power cut mid-write).</summary>
    public void TearNextWrite(int bytes)
    {
        lock (_gate) _tearNextWriteAfterBytes = Math.Max(0, bytes);
    }

    private void Write(List<byte> file, string name, byte[] data, int offset, int count)
    {
        if (_tearNextWriteAfterBytes >= 0)
        {
            int keep = Math.Min(_tearNextWriteAfterBytes, count);
            _tearNextWriteAfterBytes = -1;
            file.AddRange(new ArraySegment<byte>(data, offset, keep));
            throw new IOException($"flash: write to '{name}' torn after {keep} bytes (simulated power cut)");
        }
        if (_files.Values.Sum(f => f.Count) + count > CapacityBytes)
            throw new IOException($"flash: no space for {count} bytes in '{name}' ({CapacityBytes} bytes total)");
        file.AddRange(new ArraySegment<byte>(data, offset, count));
    }

    private static void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 24 || name.Any(c => c > 127 || c == '/' || c == '\\'))
            throw new IOException($"flash: bad file name '{name}': use at most 24 ASCII characters, no folders");
    }
}
