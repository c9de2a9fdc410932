using Stations.Core.Link;

namespace Stations.Bench.Fuzz;

/// <summary>An in-memory flash store so the command path can run millions of times without touching the disk.</summary>
public sealed class MemoryFlashStore : IFlashStore
{
    readonly Dictionary<string, List<byte>> files = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string[] List(string prefix) => files.Keys.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToArray();

    /// <inheritdoc />
    public int GetLength(string name) => files.TryGetValue(name, out var f) ? f.Count : -1;

    /// <inheritdoc />
    public int Read(string name, int fileOffset, byte[] buffer, int bufferOffset, int count)
    {
        if (!files.TryGetValue(name, out var f) || fileOffset >= f.Count)
        {
            return 0;
        }

        var n = Math.Min(count, f.Count - fileOffset);
        f.CopyTo(fileOffset, buffer, bufferOffset, n);
        return n;
    }

    /// <inheritdoc />
    public void Append(string name, byte[] data, int offset, int count)
    {
        if (!files.TryGetValue(name, out var f))
        {
            f = [];
            files[name] = f;
        }

        f.AddRange(new ArraySegment<byte>(data, offset, count));
    }

    /// <inheritdoc />
    public void WriteNew(string name, byte[] data, int offset, int count)
    {
        if (files.ContainsKey(name))
        {
            throw new IOException("file exists: " + name);
        }

        files[name] = [.. new ArraySegment<byte>(data, offset, count)];
    }

    /// <inheritdoc />
    public void Delete(string name) => files.Remove(name);

    /// <inheritdoc />
    public void Rename(string from, string to)
    {
        if (files.Remove(from, out var f))
        {
            files[to] = f;
        }
    }
}
