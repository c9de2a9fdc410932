namespace Stations.Gateway.Storage;

/// <summary>Settings under `Gateway:Storage`.</summary>
public sealed class StorageOptions
{
    /// <summary>`Sqlite` (default) or `Postgres`.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Folder for the SQLite file (`stations.db`); created when missing.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Npgsql connection string; required when Provider is Postgres.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Days raw messages and dead letters are kept (0 = for ever). Rollups are kept regardless.</summary>
    public int RawRetentionDays { get; set; } = 400;
}
