namespace Stations.Gateway.Tests.Support;

/// <summary>Which store a test runs on.</summary>
public enum StorageKind
{
    Sqlite,
    Postgres,
}
