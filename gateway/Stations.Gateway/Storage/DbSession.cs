using System.Data.Common;

namespace Stations.Gateway.Storage;

/// <summary>An open connection and the transaction a unit of work runs in.</summary>
public sealed record DbSession(DbConnection Connection, DbTransaction Transaction);
