namespace Stations.Gateway.Web.Api;

/// <summary>Body of a name-and-password sign-in.</summary>
public sealed record ApiSignIn(string? UserName, string? Password);

/// <summary>The signed-in user of a new session.</summary>
public sealed record ApiSession(string UserName, string Role);

/// <summary>
/// Body of a provisioning request: the station and, optionally, whether to issue new MQTT credentials and its scheduled
/// opening hours (<paramref name="Opens"/> and <paramref name="Closes"/> together, "HH:mm" 00:00–24:00 in the station's
/// zone, closes ≤ opens meaning overnight; neither keeps the station's hours, 00:00–24:00 for a new one).
/// </summary>
public sealed record ApiProvisionRequest(string? StationId, string? Name, string? TimeZone, string? Region, bool RotateCredentials, string? Opens = null, string? Closes = null);

/// <summary>MQTT credentials of a station: shown once, when issued.</summary>
public sealed record ApiMqttCredentials(string ClientId, string UserName, string Password, string Host, int Port, bool Tls);

/// <summary>
/// The outcome of provisioning: credentials only when the station is new or they were rotated; the station's scheduled
/// opening hours as they now are ("HH:mm", closes ≤ opens meaning overnight).
/// </summary>
public sealed record ApiProvisioned(string StationId, string Name, string TimeZone, long? RegionId, bool Created, ApiMqttCredentials? Credentials, string Note, string Opens, string Closes);

/// <summary>One line of a self-test.</summary>
public sealed record ApiSelfTestItem(string Device, bool Ok, string? Detail);

/// <summary>A self-test command and its answer: progress pending → done / failed / expired, passed only when every item passed.</summary>
public sealed record ApiSelfTest(string CommandId, string RequestedBy, DateTimeOffset RequestedAt, string Progress, bool Passed, string? ResultCode, string? ResultDetail, DateTimeOffset? ResultAt, IReadOnlyList<ApiSelfTestItem> Items);

/// <summary>What a technician checks after flashing: reported firmware and config hash, the saved config's hash, the last self-test.</summary>
public sealed record ApiCommissioning(string StationId, bool Online, string? FirmwareVersion, string? ConfigHash, string? Boot, bool SafeMode, string? SavedConfigHash, ApiSelfTest? LastSelfTest);
