using Dapper;
using Stations.Gateway.Protocol;
using Stations.Gateway.Storage;

namespace Stations.Gateway.Commands;

/// <summary>Records command results arriving on `cmd/result` (inside the ingestion transaction).</summary>
public static class CommandStore
{
    /// <summary>Stores the result on the command row; a result for an unknown id (sent by another tool) gets a row of its own.</summary>
    public static async Task RecordResultAsync(DbSession db, ValidatedMessage message, long tsMs)
    {
        var root = message.Root;
        var id = root.GetProperty("id").GetString()!;
        var ok = root.GetProperty("ok").GetBoolean();
        var args = new
        {
            station = message.StationId,
            id,
            ok = ok ? 1L : 0L,
            code = root.GetProperty("code").GetString(),
            detail = root.TryGetProperty("detail", out var d) && d.ValueKind == System.Text.Json.JsonValueKind.String ? d.GetString() : null,
            data = root.TryGetProperty("data", out var data) && data.ValueKind == System.Text.Json.JsonValueKind.Object ? data.GetRawText() : null,
            state = ok ? "done" : "failed",
            tsMs,
        };
        var updated = await db.Connection.ExecuteAsync(
            """
            UPDATE commands SET state = @state, result_ok = @ok, result_code = @code, result_detail = @detail, result_data_json = @data, result_at_ms = @tsMs
            WHERE station_id = @station AND command_id = @id
            """,
            args, db.Transaction).ConfigureAwait(false);
        if (updated == 0)
        {
            await db.Connection.ExecuteAsync(
                """
                INSERT INTO commands (station_id, command_id, name, args_json, expires_at_ms, requested_by, requested_at_ms, state, result_ok, result_code, result_detail, result_data_json, result_at_ms)
                VALUES (@station, @id, '?', NULL, 0, 'unknown', @tsMs, @state, @ok, @code, @detail, @data, @tsMs) ON CONFLICT DO NOTHING
                """,
                args, db.Transaction).ConfigureAwait(false);
        }
    }
}
