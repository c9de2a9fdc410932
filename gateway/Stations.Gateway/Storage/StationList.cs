using System.Text.Json;

namespace Stations.Gateway.Storage;

/// <summary>
/// "station_id IN (a list)" as one parameter `@ids`, so the statement text never changes with the list's length:
/// SQLite reads a JSON array through `json_each`, PostgreSQL takes a text array with `= ANY`.
/// </summary>
public static class StationList
{
    /// <summary>The condition after `station_id `.</summary>
    public static string In(StorageProvider provider) => provider == StorageProvider.Postgres ? "= ANY(@ids)" : "IN (SELECT value FROM json_each(@ids))";

    /// <summary>The value of `@ids`.</summary>
    public static object Argument(string[] ids, StorageProvider provider) => provider == StorageProvider.Postgres ? ids : JsonSerializer.Serialize(ids);
}
