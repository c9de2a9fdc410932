namespace Stations.Gateway.Web.Api;

/// <summary>The signed-in caller.</summary>
public sealed record ApiMe(string UserName, string Role, bool CanOperate, bool SeesAllStations);

/// <summary>A station in the list.</summary>
public sealed record ApiStation(string StationId, string Name, bool Online, bool Open, long ActiveAlarms, string? Region, DateTimeOffset? LastSeen, string? FirmwareVersion);

/// <summary>One device's state.</summary>
public sealed record ApiDevice(string DeviceId, string Kind, string Status, bool Healthy, string DetailJson, DateTimeOffset StatusSince);

/// <summary>A station with its devices.</summary>
public sealed record ApiStationDetail(ApiStation Station, string TimeZone, IReadOnlyList<ApiDevice> Devices);

/// <summary>An alarm.</summary>
public sealed record ApiAlarm(long Id, string StationId, string Code, string DeviceId, string Severity, string State, DateTimeOffset RaisedAt, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, string? AckNote, DateTimeOffset? ClearedAt, string? Detail);

/// <summary>Body of an acknowledgement.</summary>
public sealed record ApiAcknowledge(string? Note);

/// <summary>Body of a command request: name from the catalogue, `dev` for outlet and dispenser commands.</summary>
public sealed record ApiCommandRequest(string Name, string? Dev, int? Ms, int? TimeToLiveSeconds);

/// <summary>A command and its progress: pending → done / failed / expired.</summary>
public sealed record ApiCommand(string CommandId, string StationId, string Name, string? ArgsJson, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset ExpiresAt, string Progress, string? ResultCode, string? ResultDetail, string? ResultDataJson, DateTimeOffset? ResultAt);

/// <summary>One local day of usage.</summary>
public sealed record ApiDailyUsage(string LocalDate, long Visits, double Litres, long ChargingSessions, double ChargingWh);

/// <summary>A region of the union tree.</summary>
public sealed record ApiRegion(long RegionId, long? ParentId, string Name, string UnionOffice, string Path);

/// <summary>
/// An error: what is wrong and how to fix it (<paramref name="Error"/>, in the request's language, zh-CN or English),
/// and a stable machine-readable <paramref name="Code"/> (the same in every language; see <see cref="ApiErrors"/>).
/// </summary>
public sealed record ApiError(string Error, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Code = null);
