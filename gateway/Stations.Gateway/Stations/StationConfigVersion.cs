namespace Stations.Gateway.Stations;

/// <summary>One saved version of a station's config: the JSON as sent, its `cfg` hash, who saved it and when.</summary>
public sealed record StationConfigVersion(long VersionId, string StationId, string ConfigJson, string ConfigHash, string SavedBy, long SavedAtMs);
