using System.Data.Common;

namespace Stations.Gateway.Storage;

/// <summary>
/// Reuses one command per SQL text inside a unit of work, so a statement run once per message is parsed and planned
/// once per batch instead (SQLite keeps the prepared statement on the command; Dapper makes a new command per call,
/// which SQLite prepares again each time). Parameters are bound by name, in the order first given.
/// </summary>
public sealed class StatementCache(DbSession session) : IAsyncDisposable
{
    readonly Dictionary<string, DbCommand> commands = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="sql"/> with the named <paramref name="arguments"/> (null binds SQL NULL); returns the rows changed.</summary>
    public Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] arguments) => Bind(sql, arguments).ExecuteNonQueryAsync();

    DbCommand Bind(string sql, (string Name, object? Value)[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (!commands.TryGetValue(sql, out var command))
        {
            command = session.Connection.CreateCommand();
            command.Transaction = session.Transaction;
            command.CommandText = sql;
            foreach (var (name, _) in arguments)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + name;
                command.Parameters.Add(parameter);
            }

            commands[sql] = command;
        }
        else if (command.Parameters.Count != arguments.Length)
        {
            throw new ArgumentException($"The statement was first run with {command.Parameters.Count} arguments, now with {arguments.Length}.", nameof(arguments));
        }

        for (var i = 0; i < arguments.Length; i++)
        {
            command.Parameters[i].Value = arguments[i].Value ?? DBNull.Value;
        }

        return command;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var command in commands.Values)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        commands.Clear();
    }
}
