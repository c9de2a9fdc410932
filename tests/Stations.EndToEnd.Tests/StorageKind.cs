namespace Stations.EndToEnd.Tests;

/// <summary>Which store the gateway runs on.</summary>
public enum StorageKind
{
    /// <summary>SQLite (WAL) in a fresh temp folder.</summary>
    Sqlite,

    /// <summary>A fresh database on the shared throwaway PostgreSQL 15 cluster.</summary>
    Postgres,
}
