using System.Text.RegularExpressions;

namespace Stations.Cli.Commands;

/// <summary>Reads assembly versions out of nanoff's `--devicedetails` text.</summary>
public static class DeviceDetails
{
    /// <summary>
    /// The version nanoff lists next to <paramref name="assembly"/> (e.g. `Stations.Firmware v1.0.0.0` or
    /// `Stations.Firmware, 1.0.0.0`), or null when the device does not list it.
    /// </summary>
    public static string? VersionOf(string details, string assembly)
    {
        var match = Regex.Match(details, @"(?<![\w.])" + Regex.Escape(assembly) + @"(?![\w.])[\s,:]*v?(\d+(?:\.\d+){1,3})",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success ? match.Groups[1].Value : null;
    }
}
