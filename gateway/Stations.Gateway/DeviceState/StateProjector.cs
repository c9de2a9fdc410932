using System.Globalization;
using System.Text.Json;
using Dapper;
using Stations.Gateway.Alarms;
using Stations.Gateway.Protocol;
using Stations.Gateway.Storage;

namespace Stations.Gateway.DeviceState;

/// <summary>
/// Derives station state, device health and alarms from newly stored messages, inside the ingestion transaction.
/// Telemetry older than the newest already applied (late or replayed data) does not overwrite current state.
/// </summary>
public sealed class StateProjector(StateOptions options)
{
    /// <summary>Applies a status (birth or will).</summary>
    public async Task ApplyStatusAsync(DbSession db, ValidatedMessage message, long receivedAtMs)
    {
        var root = message.Root;
        var online = message.State == "online";
        var at = message.TsMs ?? receivedAtMs;
        await EnsureStationStateAsync(db, message.StationId, receivedAtMs).ConfigureAwait(false);
        if (online)
        {
            await db.Connection.ExecuteAsync(
                """
                UPDATE station_state SET online = 1, boot = @boot, firmware_version = @fw, config_hash = @cfg, safe_mode = @safe,
                    telemetry_period_s = @tel, last_seen_ms = @receivedAtMs, last_status_ms = @receivedAtMs, offline_reason = NULL
                WHERE station_id = @stationId
                """,
                new
                {
                    stationId = message.StationId, boot = message.Boot, fw = root.GetProperty("fw").GetString(), cfg = root.GetProperty("cfg").GetString(),
                    safe = root.GetProperty("safe").GetBoolean() ? 1L : 0L, tel = root.GetProperty("tel").GetInt64(), receivedAtMs,
                },
                db.Transaction).ConfigureAwait(false);
            await AlarmBook.ClearAsync(db, message.StationId, AlarmCodes.StationOffline, "", at).ConfigureAwait(false);
        }
        else
        {
            // A will of an older boot arriving after the new birth must not mark the station offline.
            var changed = await db.Connection.ExecuteAsync(
                "UPDATE station_state SET online = 0, last_status_ms = @receivedAtMs, offline_reason = 'will' WHERE station_id = @stationId AND (boot IS NULL OR boot = @boot)",
                new { stationId = message.StationId, boot = message.Boot, receivedAtMs },
                db.Transaction).ConfigureAwait(false);
            if (changed > 0)
            {
                await AlarmBook.RaiseAsync(db, message.StationId, AlarmCodes.StationOffline, "", "warn", "gateway", "offline (will or clean shutdown)", at).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Applies a newly stored telemetry, event or command result.</summary>
    public async Task ApplyAsync(DbSession db, ValidatedMessage message, long tsMs, long receivedAtMs)
    {
        await EnsureStationStateAsync(db, message.StationId, receivedAtMs).ConfigureAwait(false);
        var wasOffline = await db.Connection.ExecuteAsync(
            "UPDATE station_state SET online = 1, offline_reason = NULL, last_seen_ms = @receivedAtMs WHERE station_id = @stationId AND online = 0",
            new { stationId = message.StationId, receivedAtMs }, db.Transaction).ConfigureAwait(false);
        await db.Connection.ExecuteAsync(
            "UPDATE station_state SET last_seen_ms = @receivedAtMs WHERE station_id = @stationId AND last_seen_ms < @receivedAtMs",
            new { stationId = message.StationId, receivedAtMs }, db.Transaction).ConfigureAwait(false);
        if (wasOffline > 0)
        {
            await AlarmBook.ClearAsync(db, message.StationId, AlarmCodes.StationOffline, "", tsMs).ConfigureAwait(false);
        }

        switch (message.Kind)
        {
            case StationMessageKind.Telemetry:
                await ApplyTelemetryAsync(db, message, tsMs).ConfigureAwait(false);
                break;
            case StationMessageKind.Event:
                await ApplyEventAsync(db, message, tsMs).ConfigureAwait(false);
                break;
        }
    }

    async Task ApplyTelemetryAsync(DbSession db, ValidatedMessage message, long tsMs)
    {
        var newest = await db.Connection.ExecuteAsync(
            "UPDATE station_state SET last_telemetry_ts_ms = @tsMs, is_open = @open WHERE station_id = @stationId AND last_telemetry_ts_ms <= @tsMs",
            new { stationId = message.StationId, tsMs, open = message.Root.GetProperty("open").GetBoolean() ? 1L : 0L }, db.Transaction).ConfigureAwait(false);
        if (newest == 0)
        {
            return; // Late or replayed: kept in raw and rollups, but current state is already newer.
        }

        var root = message.Root;
        var station = message.StationId;
        double? hottest = null;
        foreach (var probe in root.GetProperty("clim").EnumerateArray())
        {
            var id = probe.GetProperty("id").GetString()!;
            var err = probe.TryGetProperty("err", out var e) ? e.GetString() : null;
            await UpsertDeviceAsync(db, station, id, "probe", err ?? "ok", err == null, probe, tsMs).ConfigureAwait(false);
            if (err == "fault")
            {
                await AlarmBook.RaiseAsync(db, station, AlarmCodes.ProbeFault, id, "warn", "gateway", "probe reports fault", tsMs).ConfigureAwait(false);
            }
            else
            {
                await AlarmBook.ClearAsync(db, station, AlarmCodes.ProbeFault, id, tsMs).ConfigureAwait(false);
            }

            if (err == null)
            {
                var t = probe.GetProperty("t").GetDouble();
                hottest = hottest == null || t > hottest ? t : hottest;
            }
        }

        if (hottest >= options.TooHotCelsius)
        {
            await AlarmBook.RaiseAsync(db, station, AlarmCodes.TooHot, "", "warn", "gateway", string.Create(CultureInfo.InvariantCulture, $"{hottest:0.0} °C"), tsMs).ConfigureAwait(false);
        }
        else if (hottest != null)
        {
            await AlarmBook.ClearAsync(db, station, AlarmCodes.TooHot, "", tsMs).ConfigureAwait(false);
        }

        foreach (var door in root.GetProperty("door").EnumerateArray())
        {
            var id = door.GetProperty("id").GetString()!;
            var open = door.GetProperty("open").GetBoolean();
            var since = await UpsertDeviceAsync(db, station, id, "door", open ? "open" : "closed", true, door, tsMs).ConfigureAwait(false);
            if (open && tsMs - since >= options.DoorLeftOpenMinutes * 60_000L)
            {
                await AlarmBook.RaiseAsync(db, station, AlarmCodes.DoorLeftOpen, id, "warn", "gateway", "open since " + DateTimeOffset.FromUnixTimeMilliseconds(since).ToString("u", CultureInfo.InvariantCulture), tsMs).ConfigureAwait(false);
            }
            else if (!open)
            {
                await AlarmBook.ClearAsync(db, station, AlarmCodes.DoorLeftOpen, id, tsMs).ConfigureAwait(false);
            }
        }

        foreach (var dispenser in root.GetProperty("disp").EnumerateArray())
        {
            var id = dispenser.GetProperty("id").GetString()!;
            var st = dispenser.GetProperty("st").GetString()!;
            await UpsertDeviceAsync(db, station, id, "dispenser", st, st == "ok", dispenser, tsMs).ConfigureAwait(false);
            foreach (var (code, state) in new[] { (AlarmCodes.DispenserDry, "dry"), (AlarmCodes.DispenserLeak, "leak") })
            {
                if (st == state)
                {
                    await AlarmBook.RaiseAsync(db, station, code, id, AlarmCodes.SeverityOf(code), "gateway", "dispenser reports " + st, tsMs).ConfigureAwait(false);
                }
                else
                {
                    await AlarmBook.ClearAsync(db, station, code, id, tsMs).ConfigureAwait(false);
                }
            }
        }

        foreach (var outlet in root.GetProperty("out").EnumerateArray())
        {
            var id = outlet.GetProperty("id").GetString()!;
            var st = outlet.GetProperty("st").GetString()!;
            await UpsertDeviceAsync(db, station, id, "outlet", st, st is "idle" or "on", outlet, tsMs).ConfigureAwait(false);
            if (st != "locked")
            {
                await AlarmBook.ClearAsync(db, station, AlarmCodes.SafetyTrip, id, tsMs).ConfigureAwait(false);
            }
        }

        if (root.TryGetProperty("hvac", out var hvac))
        {
            foreach (var relay in hvac.EnumerateArray())
            {
                var id = relay.GetProperty("id").GetString()!;
                await UpsertDeviceAsync(db, station, id, "hvac", relay.GetProperty("on").GetBoolean() ? "on" : "off", true, relay, tsMs).ConfigureAwait(false);
            }
        }
    }

    static async Task ApplyEventAsync(DbSession db, ValidatedMessage message, long tsMs)
    {
        var root = message.Root;
        var station = message.StationId;
        var dev = root.TryGetProperty("dev", out var d) ? d.GetString() ?? "" : "";
        switch (message.EventType)
        {
            case "safety.trip":
                await AlarmBook.RaiseAsync(db, station, AlarmCodes.SafetyTrip, dev, "crit", "gateway",
                    root.GetProperty("reason").GetString() + " " + root.GetProperty("val").GetRawText() + (root.GetProperty("lock").GetBoolean() ? " (locked out)" : ""), tsMs).ConfigureAwait(false);
                break;
            case "lockout.reset":
                await AlarmBook.ClearAsync(db, station, AlarmCodes.SafetyTrip, dev, tsMs).ConfigureAwait(false);
                await AlarmBook.ClearAsync(db, station, "outlet.lockout", dev, tsMs).ConfigureAwait(false);
                break;
            case "alarm.raise":
                var code = root.GetProperty("code").GetString()!;
                var detail = root.TryGetProperty("val", out var val) ? "value " + val.GetRawText() : null;
                await AlarmBook.RaiseAsync(db, station, code, dev, root.GetProperty("sev").GetString()!, "station", detail, tsMs).ConfigureAwait(false);
                break;
            case "alarm.clear":
                await AlarmBook.ClearAsync(db, station, root.GetProperty("code").GetString()!, dev, tsMs).ConfigureAwait(false);
                break;
            case "boot":
                await db.Connection.ExecuteAsync(
                    "UPDATE station_state SET firmware_version = @fw, safe_mode = @safe WHERE station_id = @station",
                    new { station, fw = root.GetProperty("fw").GetString(), safe = root.GetProperty("safe").GetBoolean() ? 1L : 0L }, db.Transaction).ConfigureAwait(false);
                break;
            case "config.applied":
                await db.Connection.ExecuteAsync(
                    "UPDATE station_state SET config_hash = @cfg WHERE station_id = @station",
                    new { station, cfg = root.GetProperty("cfg").GetString() }, db.Transaction).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Upserts one device's state; returns since when it has had its current status (UTC ms).</summary>
    static async Task<long> UpsertDeviceAsync(DbSession db, string stationId, string deviceId, string kind, string status, bool healthy, JsonElement detail, long tsMs)
    {
        await db.Connection.ExecuteAsync(
            """
            INSERT INTO device_state (station_id, device_id, kind, status, healthy, detail_json, status_since_ms, updated_at_ms)
            VALUES (@stationId, @deviceId, @kind, @status, @healthy, @detail, @tsMs, @tsMs)
            ON CONFLICT (station_id, device_id) DO UPDATE SET
                status_since_ms = CASE WHEN device_state.status = excluded.status THEN device_state.status_since_ms ELSE excluded.status_since_ms END,
                kind = excluded.kind, status = excluded.status, healthy = excluded.healthy, detail_json = excluded.detail_json, updated_at_ms = excluded.updated_at_ms
            """,
            new { stationId, deviceId, kind, status, healthy = healthy ? 1L : 0L, detail = detail.GetRawText(), tsMs },
            db.Transaction).ConfigureAwait(false);
        return await db.Connection.ExecuteScalarAsync<long>(
            "SELECT status_since_ms FROM device_state WHERE station_id = @stationId AND device_id = @deviceId",
            new { stationId, deviceId }, db.Transaction).ConfigureAwait(false);
    }

    static Task<int> EnsureStationStateAsync(DbSession db, string stationId, long receivedAtMs) =>
        db.Connection.ExecuteAsync(
            "INSERT INTO station_state (station_id, online, last_seen_ms) VALUES (@stationId, 1, @receivedAtMs) ON CONFLICT (station_id) DO NOTHING",
            new { stationId, receivedAtMs }, db.Transaction);
}
