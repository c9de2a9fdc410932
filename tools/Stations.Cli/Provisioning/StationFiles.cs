using System.Text;

namespace Stations.Cli.Provisioning;

/// <summary>
/// The files a board is commissioned with, in one folder per station: `station.json` (the config) and `provision.txt`
/// (Wi-Fi and MQTT secrets, read by firmware/Stations.Firmware/Board/BoardProvisioning.cs). Written whole or not at all.
/// </summary>
public static class StationFiles
{
    /// <summary>The config file's name (the name the firmware loads from I:).</summary>
    public const string ConfigFileName = "station.json";

    /// <summary>The secrets file's name (the name the firmware loads from I:).</summary>
    public const string ProvisionFileName = "provision.txt";

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> through a temporary file and a rename, so a crash leaves the old file or the new one.</summary>
    public static void WriteAtomically(string path, byte[] bytes, bool secret)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        string temporary = path + ".tmp";
        if (secret && !OperatingSystem.IsWindows())
        {
            // Owner-only from the first byte: the password never sits in a world-readable file.
            using var stream = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite });
            stream.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(temporary, bytes);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The `provision.txt` text for a station (key=value lines; Wi-Fi lines commented out when not known yet).</summary>
    public static byte[] ProvisionText(string stationId, string password, string host, int port, bool tls, string? wifiSsid, string? wifiPassword)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(stationId).Append(": board provisioning (docs/flashing.md step 4). Contains the station's MQTT password: never commit it.\n");
        text.Append(wifiSsid == null ? "# wifi.ssid=<fill in the station's Wi-Fi name>\n" : "wifi.ssid=" + wifiSsid + "\n");
        text.Append(wifiPassword == null ? "# wifi.password=<fill in>\n" : "wifi.password=" + wifiPassword + "\n");
        text.Append("station.id=").Append(stationId).Append('\n');
        text.Append("mqtt.password=").Append(password).Append('\n');
        text.Append("mqtt.host=").Append(host).Append('\n');
        text.Append("mqtt.port=").Append(port.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        text.Append("mqtt.tls=").Append(tls ? "true" : "false").Append('\n');
        text.Append("mqtt.v5=false\n");
        if (tls) text.Append("mqtt.ca=ca.pem\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The `station.id` written in an existing `provision.txt`, or null when there is none.</summary>
    public static string? ProvisionedStation(string path)
    {
        if (!File.Exists(path)) return null;
        foreach (string line in File.ReadAllLines(path))
        {
            string trimmed = line.Trim();
            if (trimmed.StartsWith("station.id=", StringComparison.Ordinal)) return trimmed["station.id=".Length..].Trim();
        }

        return null;
    }
}
