using Stations.Gateway.Tests.Support;

namespace Stations.Gateway.Tests.EndToEnd;

/// <summary>Embedded MQTTnet broker, SQLite.</summary>
[TestClass]
public sealed class EmbeddedSqliteEndToEndTests : IngestionEndToEndTests
{
    protected override StorageKind Storage => StorageKind.Sqlite;

    protected override bool UseMosquitto => false;
}

/// <summary>Embedded MQTTnet broker, PostgreSQL.</summary>
[TestClass]
public sealed class EmbeddedPostgresEndToEndTests : IngestionEndToEndTests
{
    protected override StorageKind Storage => StorageKind.Postgres;

    protected override bool UseMosquitto => false;
}

/// <summary>Mosquitto with shared subscriptions, SQLite.</summary>
[TestClass]
public sealed class MosquittoSqliteEndToEndTests : IngestionEndToEndTests
{
    protected override StorageKind Storage => StorageKind.Sqlite;

    protected override bool UseMosquitto => true;
}

/// <summary>Mosquitto with shared subscriptions, PostgreSQL.</summary>
[TestClass]
public sealed class MosquittoPostgresEndToEndTests : IngestionEndToEndTests
{
    protected override StorageKind Storage => StorageKind.Postgres;

    protected override bool UseMosquitto => true;
}
