namespace Stations.Gateway.Stations;

/// <summary>
/// The outcome of checking a station config with the station's own validator: either the validator's message, or the
/// config exactly as it will be sent (<see cref="Json"/>) and the `cfg` hash the station will report for it.
/// </summary>
/// <param name="Error">The validator's message (names the field and the fix), or null when valid.</param>
/// <param name="Json">The config as `config.set` will carry it, byte for byte; null when invalid.</param>
/// <param name="Hash">CRC-32 of <paramref name="Json"/>'s UTF-8 bytes, 8 lowercase hex; null when invalid.</param>
public sealed record StationConfigCheck(string? Error, string? Json, string? Hash)
{
    /// <summary>True when the config passed the validator.</summary>
    public bool Valid => Error == null;
}
