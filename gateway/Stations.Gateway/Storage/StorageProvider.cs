namespace Stations.Gateway.Storage;

/// <summary>Which database engine holds the gateway's data.</summary>
public enum StorageProvider
{
    /// <summary>SQLite in WAL mode, one file in the data folder (default, one machine).</summary>
    Sqlite,

    /// <summary>PostgreSQL via Npgsql (several gateway instances, large fleets).</summary>
    Postgres,
}
