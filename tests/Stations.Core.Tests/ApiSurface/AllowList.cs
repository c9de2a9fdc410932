namespace Stations.Core.Tests.ApiSurface;

/// <summary>
/// tests/Fixtures/nanoframework-api.txt: the external types and members Core may reference, each with the
/// nanoFramework package it comes from. Line form: <c>package version | member [| note]</c>; <c>#</c> starts a comment.
/// </summary>
internal sealed class AllowList
{
    private readonly Dictionary<string, string> _sources = new(StringComparer.Ordinal);

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "nanoframework-api.txt");

    public IReadOnlyCollection<string> Members => _sources.Keys;

    public static AllowList Load(string path) => Parse(File.ReadAllLines(path), path);

    public static AllowList Parse(IEnumerable<string> lines, string origin = "allow-list")
    {
        var list = new AllowList();
        int number = 0;
        foreach (string raw in lines)
        {
            number++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] parts = line.Split(" | ");
            if (parts.Length < 2 || parts[0].Trim().Length == 0 || parts[1].Trim().Length == 0)
            {
                throw new FormatException(origin + " line " + number + ": expected 'package version | member [| note]', got: " + raw);
            }

            string member = parts[1].Trim();
            if (!list._sources.TryAdd(member, parts[0].Trim()))
            {
                throw new FormatException(origin + " line " + number + ": duplicate entry " + member);
            }
        }

        return list;
    }

    public bool Contains(string member) => _sources.ContainsKey(member);

    public string? SourceOf(string member) => _sources.GetValueOrDefault(member);

    /// <summary>Returns a copy with extra entries (tests of the checker itself).</summary>
    public AllowList With(params string[] lines)
    {
        var copy = new AllowList();
        foreach (KeyValuePair<string, string> entry in _sources)
        {
            copy._sources[entry.Key] = entry.Value;
        }

        foreach (string line in lines)
        {
            copy._sources[line] = "test";
        }

        return copy;
    }
}
