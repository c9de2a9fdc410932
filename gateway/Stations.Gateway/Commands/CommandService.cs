using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using Stations.Gateway.Broker;
using Stations.Gateway.Protocol;
using Stations.Gateway.Stations;
using Stations.Gateway.Storage;

namespace Stations.Gateway.Commands;

/// <summary>
/// Sends commands to stations (`cmd`, QoS 1, never retained, with a unique id and an expiry) with an audit record,
/// and reads back their results (recorded by ingestion from `cmd/result`).
/// </summary>
public sealed class CommandService(StationDatabase database, IStationLink link, StationRegistry registry, TimeProvider time, ILogger<CommandService> logger)
{
    /// <summary>Sends <paramref name="name"/> to the station; returns the stored command (state `sent`).</summary>
    /// <param name="stationId">Target station.</param>
    /// <param name="name">Command name from the catalogue.</param>
    /// <param name="args">Arguments object, or null.</param>
    /// <param name="timeToLive">How long the station may still execute it.</param>
    /// <param name="requestedBy">Who asks (kept in the audit log).</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    public async Task<CommandRecord> SendAsync(string stationId, string name, JsonObject? args, TimeSpan timeToLive, string requestedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestedBy);
        if (!CommandValidator.Names.Contains(name))
        {
            throw new ArgumentException($"unknown-type: {name} (use one of {string.Join(", ", CommandValidator.Names.Order())}).", nameof(name));
        }

        if (await registry.FindAsync(stationId, cancellationToken).ConfigureAwait(false) == null)
        {
            throw new ArgumentException($"Station '{stationId}' is not registered.", nameof(stationId));
        }

        var now = time.GetUtcNow();
        var record = new CommandRecord
        {
            StationId = stationId,
            CommandId = "c-" + now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8],
            Name = name,
            ArgsJson = args?.ToJsonString(),
            ExpiresAtMs = (now + timeToLive).ToUnixTimeMilliseconds(),
            RequestedBy = requestedBy,
            RequestedAtMs = now.ToUnixTimeMilliseconds(),
            State = "sent",
        };
        var payload = new JsonObject { ["id"] = record.CommandId, ["name"] = name, ["exp"] = record.ExpiresAtMs };
        if (args != null)
        {
            payload["args"] = JsonNode.Parse(record.ArgsJson!);
        }

        var refusal = CommandValidator.Check(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString()));
        if (refusal != null)
        {
            // The same reasons as the golden vectors, e.g. "bad-field: args.dev": nothing is stored or sent.
            throw new ArgumentException($"Command {name} refused: {refusal}.", nameof(args));
        }

        await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(
                """
                INSERT INTO commands (station_id, command_id, name, args_json, expires_at_ms, requested_by, requested_at_ms, state)
                VALUES (@StationId, @CommandId, @Name, @ArgsJson, @ExpiresAtMs, @RequestedBy, @RequestedAtMs, @State)
                """,
                record, transaction).ConfigureAwait(false);
            await AuditLog.WriteAsync(new DbSession(connection, transaction), record.RequestedAtMs, requestedBy, "command.send", stationId, record.CommandId + " " + name + " " + record.ArgsJson).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        await link.PublishAsync(StationTopic.CommandTopic(stationId), payload.ToJsonString(), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Command {CommandId} {Name} sent to station {StationId} by {Actor}", record.CommandId, name, stationId, requestedBy);
        return record;
    }

    /// <summary>One command with its result so far, or null.</summary>
    public async Task<CommandRecord?> FindAsync(string stationId, string commandId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<CommandRecord>(
            "SELECT * FROM commands WHERE station_id = @stationId AND command_id = @commandId", new { stationId, commandId }).ConfigureAwait(false);
    }

    /// <summary>The station's most recent commands, newest first.</summary>
    public async Task<IReadOnlyList<CommandRecord>> ListAsync(string stationId, int limit = 50, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<CommandRecord>(
            "SELECT * FROM commands WHERE station_id = @stationId ORDER BY requested_at_ms DESC LIMIT @limit", new { stationId, limit = (long)limit }).ConfigureAwait(false);
        return rows.ToList();
    }

    /// <summary>Waits until the command has a result or <paramref name="timeout"/> passes; returns the latest record.</summary>
    public async Task<CommandRecord?> WaitForResultAsync(string stationId, string commandId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        while (true)
        {
            var record = await FindAsync(stationId, commandId, cancellationToken).ConfigureAwait(false);
            if (record?.ResultCode != null || cts.IsCancellationRequested)
            {
                return record;
            }

            try
            {
                await Task.Delay(50, cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return await FindAsync(stationId, commandId, cancellationToken).ConfigureAwait(false);
            }
        }
    }

}
