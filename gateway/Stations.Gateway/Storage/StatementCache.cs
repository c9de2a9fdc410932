using System.Data.Common;

namespace Stations.Gateway.Storage;

/// <summary>
/// Reuses one command per SQL text inside a unit of work, so a statement run once per message is parsed and planned
/// once per batch instead (SQLite keeps the prepared statement on the command; Dapper makes a new command per call,
/// which SQLite prepares again each time). Parameters are bound by name, in the order first given.
/// Writes whose row count nobody reads can be deferred (<see cref="DeferAsync"/>): where the provider sends several
/// statements in one round trip (Npgsql's <see cref="DbBatch"/>) they wait for <see cref="FlushAsync"/>; elsewhere
/// (SQLite, in process: no round trips to save) they run at once.
/// </summary>
public sealed class StatementCache(DbSession session) : IAsyncDisposable
{
    readonly Dictionary<string, DbCommand> commands = new(StringComparer.Ordinal);
    readonly DbBatch? deferred = session.Connection.CanCreateBatch ? session.Connection.CreateBatch() : null;

    /// <summary>
    /// Runs <paramref name="sql"/> now or with the next <see cref="FlushAsync"/>, in the order deferred; call
    /// <see cref="FlushAsync"/> before anything reads what it writes and before the commit.
    /// </summary>
    public Task DeferAsync(string sql, params (string Name, object? Value)[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (deferred == null)
        {
            return ExecuteAsync(sql, arguments);
        }

        var command = deferred.CreateBatchCommand();
        command.CommandText = sql;
        foreach (var (name, value) in arguments)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        deferred.BatchCommands.Add(command);
        return Task.CompletedTask;
    }

    /// <summary>Sends the deferred statements, in order, in one round trip.</summary>
    public async Task FlushAsync()
    {
        if (deferred == null || deferred.BatchCommands.Count == 0)
        {
            return;
        }

        deferred.Connection = session.Connection;
        deferred.Transaction = session.Transaction;
        await deferred.ExecuteNonQueryAsync().ConfigureAwait(false);
        deferred.BatchCommands.Clear();
    }

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
        if (deferred != null)
        {
            await deferred.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var command in commands.Values)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        commands.Clear();
    }
}
