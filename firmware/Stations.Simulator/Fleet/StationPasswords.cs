using System.Security.Cryptography;
using System.Text;

namespace Stations.Simulator.Fleet;

/// <summary>
/// Where station MQTT passwords come from: a password file (`station-id password` per line, `#` comments), or a
/// demo password derived from a shared demo secret: lowercase hex of HMAC-SHA256(secret, station id), first 32 chars.
/// The gateway's demo provisioning derives the same value, so neither side stores per-station demo secrets.
/// </summary>
public sealed class StationPasswords
{
    /// <summary>The demo secret used when none is given.</summary>
    public const string DefaultDemoSecret = "stations-demo-secret";

    private readonly Dictionary<string, string>? _fromFile;
    private readonly byte[] _secret;

    private StationPasswords(Dictionary<string, string>? fromFile, string secret)
    {
        _fromFile = fromFile;
        _secret = Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>Derives every password from a shared demo secret.</summary>
    public static StationPasswords FromDemoSecret(string secret = DefaultDemoSecret) => new(null, secret);

    /// <summary>Reads `station-id password` lines; throws <see cref="FormatException"/> naming the bad line.</summary>
    public static StationPasswords FromFile(string path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        int lineNo = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNo++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string[] parts = line.Split([' ', '\t', ':'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
                throw new FormatException($"{path}:{lineNo}: expected 'station-id password', got '{line}'.");
            map[parts[0]] = parts[1];
        }
        return new StationPasswords(map, DefaultDemoSecret);
    }

    /// <summary>Derives the demo password of one station (what the gateway's demo provisioning must also compute).</summary>
    public static string Derive(string secret, string stationId)
    {
        byte[] mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stationId));
        return Convert.ToHexStringLower(mac)[..32];
    }

    /// <summary>The password of a station; throws <see cref="KeyNotFoundException"/> when a password file lacks it.</summary>
    public string For(string stationId)
    {
        if (_fromFile == null) return Derive(Encoding.UTF8.GetString(_secret), stationId);
        return _fromFile.TryGetValue(stationId, out string? p) ? p
            : throw new KeyNotFoundException($"The password file has no line for station '{stationId}'. Add '{stationId} <password>' or lower --stations.");
    }
}
