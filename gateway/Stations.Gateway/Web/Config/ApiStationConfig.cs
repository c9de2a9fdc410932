namespace Stations.Gateway.Web.Config;

/// <summary>A station's saved config (GET/PUT /api/v1/stations/{id}/config): the JSON as sent, its hash, the hash the station reports, and the saved versions.</summary>
public sealed record ApiStationConfig(string StationId, System.Text.Json.JsonElement? Config, string? Hash, string? ReportedHash, bool InSync, IReadOnlyList<ApiStationConfigVersion> Versions);

/// <summary>One saved version: its hash, who saved it and when.</summary>
public sealed record ApiStationConfigVersion(long VersionId, string Hash, string SavedBy, DateTimeOffset SavedAt);

/// <summary>A pushed config: the `config.set` command id, the hash sent, and where to follow the result.</summary>
public sealed record ApiStationConfigPush(string CommandId, string Hash, string Location);
