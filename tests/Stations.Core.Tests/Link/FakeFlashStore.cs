using System.Text;
using Stations.Core.Link;

namespace Stations.Core.Tests.Link;

/// <summary>Thrown by <see cref="FakeFlashStore"/> when the simulated power fails.</summary>
public sealed class PowerCutException : IOException
{
    public PowerCutException() : base("power cut") { }
    public PowerCutException(string message) : base(message) { }
    public PowerCutException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// An in-memory LittleFS stand-in. Power can be cut after a budget of "units": every byte written is one unit, every
/// delete, rename and file creation one more. The write that crosses the budget leaves the prefix that fit (harsher than
/// LittleFS, which rolls an unclosed file back) and throws; every later call throws until <see cref="PowerOn"/>.
/// </summary>
public sealed class FakeFlashStore : IFlashStore
{
    private readonly Dictionary<string, List<byte>> _files = new(StringComparer.Ordinal);
    private long _unitsLeft = long.MaxValue;
    private bool _dead;

    public long UnitsUsed { get; private set; }
    public int Writes { get; private set; }

    /// <summary>When true a torn append is rolled back entirely, as real LittleFS does on an unclosed file.</summary>
    public bool RollBackTornWrites { get; set; }

    /// <summary>A copy of the files (power on, no cut pending).</summary>
    public FakeFlashStore Clone()
    {
        var copy = new FakeFlashStore { RollBackTornWrites = RollBackTornWrites };
        foreach (var kv in _files) copy._files[kv.Key] = [.. kv.Value];
        return copy;
    }

    public void CutPowerAfter(long units) => _unitsLeft = units;
    public void PowerOn() { _dead = false; _unitsLeft = long.MaxValue; }
    public bool IsDead => _dead;

    public IReadOnlyCollection<string> Names => _files.Keys;
    public byte[] Bytes(string name) => [.. _files[name]];
    public void SetBytes(string name, byte[] bytes) => _files[name] = [.. bytes];

    public string[] List(string prefix) { Alive(); return _files.Keys.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToArray(); }

    public int GetLength(string name) { Alive(); return _files.TryGetValue(name, out var f) ? f.Count : -1; }

    public int Read(string name, int fileOffset, byte[] buffer, int bufferOffset, int count)
    {
        Alive();
        if (!_files.TryGetValue(name, out var f) || fileOffset >= f.Count) return 0;
        int n = Math.Min(count, f.Count - fileOffset);
        f.CopyTo(fileOffset, buffer, bufferOffset, n);
        return n;
    }

    public void Append(string name, byte[] data, int offset, int count)
    {
        Alive();
        Writes++;
        bool created = !_files.ContainsKey(name);
        if (created) { Spend(1, () => { }); _files[name] = []; }
        var f = _files[name];
        int before = f.Count;
        WriteBytes(f, data, offset, count, () => { if (RollBackTornWrites) { f.RemoveRange(before, f.Count - before); if (created) _files.Remove(name); } });
    }

    public void WriteNew(string name, byte[] data, int offset, int count)
    {
        Alive();
        Writes++;
        if (_files.ContainsKey(name)) throw new IOException("exists: " + name);
        Spend(1, () => { });
        var f = new List<byte>();
        _files[name] = f;
        WriteBytes(f, data, offset, count, () => { if (RollBackTornWrites) _files.Remove(name); });
    }

    public void Delete(string name)
    {
        Alive();
        if (!_files.ContainsKey(name)) return;
        Spend(1, () => { });
        _files.Remove(name);
    }

    public void Rename(string from, string to)
    {
        Alive();
        if (_files.ContainsKey(to)) throw new IOException("destination exists: " + to);
        if (!_files.TryGetValue(from, out var f)) throw new IOException("missing: " + from);
        Spend(1, () => { });
        _files.Remove(from);
        _files[to] = f;
    }

    public string Dump() => string.Join(", ", _files.Select(kv => kv.Key + ":" + kv.Value.Count));

    private void WriteBytes(List<byte> f, byte[] data, int offset, int count, Action onTear)
    {
        for (int i = 0; i < count; i++)
        {
            if (_unitsLeft <= 0) { _dead = true; onTear(); throw new PowerCutException(); }
            f.Add(data[offset + i]);
            _unitsLeft--;
            UnitsUsed++;
        }
    }

    private void Spend(int units, Action onTear)
    {
        if (_unitsLeft < units) { _dead = true; onTear(); throw new PowerCutException(); }
        _unitsLeft -= units;
        UnitsUsed += units;
    }

    private void Alive() { if (_dead) throw new PowerCutException("store is off (power cut)"); }

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}
