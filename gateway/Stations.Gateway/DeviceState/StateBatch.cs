using System.Globalization;
using System.Text.Json;
using Stations.Gateway.Alarms;
using Stations.Gateway.Protocol;
using Stations.Gateway.Storage;

namespace Stations.Gateway.DeviceState;

/// <summary>
/// One batch's view of its stations' state: messages are applied in order in memory with the projection rules below,
/// then <see cref="FlushAsync"/> writes the station rows, the devices whose state changed and the alarm episodes.
/// Telemetry older than the newest already applied (late or replayed data) does not overwrite current state.
/// </summary>
public sealed class StateBatch
{
    readonly StateOptions options;
    readonly HashSet<StationStateRow> changedStations = [];
    readonly List<DeviceStatus> changedDevices = [];
    readonly HashSet<DeviceStatus> changedDeviceSet = [];

    internal StateBatch(StateOptions options, Dictionary<string, StationView> views)
    {
        this.options = options;
        Views = views;
        Alarms = new AlarmBatch(views.ToDictionary(v => v.Key, v => v.Value.Alarms, StringComparer.Ordinal));
    }

    /// <summary>The batch's stations (every station a valid message of the batch came from).</summary>
    internal Dictionary<string, StationView> Views { get; }

    /// <summary>The batch's alarms (raised and cleared in memory, written by <see cref="FlushAsync"/>).</summary>
    public AlarmBatch Alarms { get; }

    /// <summary>Applies a status (birth or will).</summary>
    public void ApplyStatus(ValidatedMessage message, long receivedAtMs)
    {
        ArgumentNullException.ThrowIfNull(message);
        var root = message.Root;
        var at = message.TsMs ?? receivedAtMs;
        var state = Station(message.StationId, receivedAtMs);
        if (message.State == "online")
        {
            state.Online = 1;
            state.Boot = message.Boot;
            state.FirmwareVersion = root.GetProperty("fw").GetString();
            state.ConfigHash = root.GetProperty("cfg").GetString();
            state.SafeMode = root.GetProperty("safe").GetBoolean() ? 1 : 0;
            state.TelemetryPeriodS = root.GetProperty("tel").GetInt64();
            state.LastSeenMs = receivedAtMs;
            state.LastStatusMs = receivedAtMs;
            state.OfflineReason = null;
            Alarms.Clear(message.StationId, AlarmCodes.StationOffline, "", at);
        }
        else if (state.Boot == null || state.Boot == message.Boot)
        {
            // A will of an older boot arriving after the new birth must not mark the station offline.
            state.Online = 0;
            state.LastStatusMs = receivedAtMs;
            state.OfflineReason = "will";
            Alarms.Raise(message.StationId, AlarmCodes.StationOffline, "", "warn", "gateway", "offline (will or clean shutdown)", at);
        }
    }

    /// <summary>Applies a newly stored telemetry, event or command result.</summary>
    public void Apply(ValidatedMessage message, long tsMs, long receivedAtMs)
    {
        ArgumentNullException.ThrowIfNull(message);
        var state = Station(message.StationId, receivedAtMs);
        var wasOffline = state.Online == 0;
        if (wasOffline)
        {
            state.Online = 1;
            state.OfflineReason = null;
            state.LastSeenMs = receivedAtMs;
            Alarms.Clear(message.StationId, AlarmCodes.StationOffline, "", tsMs);
        }

        state.LastSeenMs = Math.Max(state.LastSeenMs, receivedAtMs);

        switch (message.Kind)
        {
            case StationMessageKind.Telemetry:
                ApplyTelemetry(state, message, tsMs);
                break;
            case StationMessageKind.Event:
                ApplyEvent(state, message, tsMs);
                break;
        }
    }

    /// <summary>Writes the changed station rows, devices and alarms (inside the batch's transaction).</summary>
    public async Task FlushAsync(StatementCache statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        foreach (var s in changedStations)
        {
            s.Version++;
            await statements.DeferAsync(
                """
                INSERT INTO station_state (station_id, online, boot, firmware_version, config_hash, safe_mode, telemetry_period_s, is_open,
                    last_seen_ms, last_status_ms, last_telemetry_ts_ms, offline_reason, version)
                VALUES (@station, @online, @boot, @fw, @cfg, @safe, @tel, @open, @seen, @status, @telemetry, @reason, @version)
                ON CONFLICT (station_id) DO UPDATE SET online = excluded.online, boot = excluded.boot, firmware_version = excluded.firmware_version,
                    config_hash = excluded.config_hash, safe_mode = excluded.safe_mode, telemetry_period_s = excluded.telemetry_period_s,
                    is_open = excluded.is_open, last_seen_ms = excluded.last_seen_ms, last_status_ms = excluded.last_status_ms,
                    last_telemetry_ts_ms = excluded.last_telemetry_ts_ms, offline_reason = excluded.offline_reason, version = excluded.version
                """,
                ("station", s.StationId), ("online", s.Online), ("boot", s.Boot), ("fw", s.FirmwareVersion), ("cfg", s.ConfigHash), ("safe", s.SafeMode),
                ("tel", s.TelemetryPeriodS), ("open", s.IsOpen), ("seen", s.LastSeenMs), ("status", s.LastStatusMs), ("telemetry", s.LastTelemetryTsMs),
                ("reason", s.OfflineReason), ("version", s.Version)).ConfigureAwait(false);
        }

        foreach (var d in changedDevices)
        {
            await statements.DeferAsync(
                """
                INSERT INTO device_state (station_id, device_id, kind, status, healthy, detail_json, status_since_ms, updated_at_ms)
                VALUES (@station, @device, @kind, @status, @healthy, @detail, @since, @updated)
                ON CONFLICT (station_id, device_id) DO UPDATE SET kind = excluded.kind, status = excluded.status, healthy = excluded.healthy,
                    detail_json = excluded.detail_json, status_since_ms = excluded.status_since_ms, updated_at_ms = excluded.updated_at_ms
                """,
                ("station", d.StationId), ("device", d.DeviceId), ("kind", d.Kind), ("status", d.Status), ("healthy", d.Healthy),
                ("detail", d.DetailJson), ("since", d.StatusSinceMs), ("updated", d.UpdatedAtMs)).ConfigureAwait(false);
        }

        await Alarms.FlushAsync(statements).ConfigureAwait(false);
        changedStations.Clear();
        changedDevices.Clear();
        changedDeviceSet.Clear();
    }

    /// <summary>The station's row (created as the old `INSERT ... DO NOTHING` did); every change of the station goes with a write of it (its version).</summary>
    StationStateRow Station(string stationId, long receivedAtMs)
    {
        var view = Views[stationId];
        view.State ??= new StationStateRow { StationId = stationId, Online = 1, LastSeenMs = receivedAtMs };
        changedStations.Add(view.State);
        return view.State;
    }

    void ApplyTelemetry(StationStateRow state, ValidatedMessage message, long tsMs)
    {
        var root = message.Root;
        if (state.LastTelemetryTsMs > tsMs)
        {
            return; // Late or replayed: kept in raw and rollups, but current state is already newer.
        }

        state.LastTelemetryTsMs = tsMs;
        state.IsOpen = root.GetProperty("open").GetBoolean() ? 1 : 0;
        var station = message.StationId;
        double? hottest = null;
        foreach (var probe in root.GetProperty("clim").EnumerateArray())
        {
            var id = probe.GetProperty("id").GetString()!;
            var err = probe.TryGetProperty("err", out var e) ? e.GetString() : null;
            UpsertDevice(station, id, "probe", err ?? "ok", err == null, probe, tsMs);
            if (err == "fault")
            {
                Alarms.Raise(station, AlarmCodes.ProbeFault, id, "warn", "gateway", "probe reports fault", tsMs);
            }
            else
            {
                Alarms.Clear(station, AlarmCodes.ProbeFault, id, tsMs);
            }

            if (err == null)
            {
                var t = probe.GetProperty("t").GetDouble();
                hottest = hottest == null || t > hottest ? t : hottest;
            }
        }

        if (hottest >= options.TooHotCelsius)
        {
            Alarms.Raise(station, AlarmCodes.TooHot, "", "warn", "gateway", string.Create(CultureInfo.InvariantCulture, $"{hottest:0.0} °C"), tsMs);
        }
        else if (hottest != null)
        {
            Alarms.Clear(station, AlarmCodes.TooHot, "", tsMs);
        }

        foreach (var door in root.GetProperty("door").EnumerateArray())
        {
            var id = door.GetProperty("id").GetString()!;
            var open = door.GetProperty("open").GetBoolean();
            var since = UpsertDevice(station, id, "door", open ? "open" : "closed", true, door, tsMs);
            if (open && tsMs - since >= options.DoorLeftOpenMinutes * 60_000L)
            {
                Alarms.Raise(station, AlarmCodes.DoorLeftOpen, id, "warn", "gateway", "open since " + DateTimeOffset.FromUnixTimeMilliseconds(since).ToString("u", CultureInfo.InvariantCulture), tsMs);
            }
            else if (!open)
            {
                Alarms.Clear(station, AlarmCodes.DoorLeftOpen, id, tsMs);
            }
        }

        foreach (var dispenser in root.GetProperty("disp").EnumerateArray())
        {
            var id = dispenser.GetProperty("id").GetString()!;
            var st = dispenser.GetProperty("st").GetString()!;
            UpsertDevice(station, id, "dispenser", st, st == "ok", dispenser, tsMs);
            foreach (var (code, word) in DispenserAlarms)
            {
                if (st == word)
                {
                    Alarms.Raise(station, code, id, AlarmCodes.SeverityOf(code), "gateway", "dispenser reports " + st, tsMs);
                }
                else
                {
                    Alarms.Clear(station, code, id, tsMs);
                }
            }
        }

        foreach (var outlet in root.GetProperty("out").EnumerateArray())
        {
            var id = outlet.GetProperty("id").GetString()!;
            var st = outlet.GetProperty("st").GetString()!;
            UpsertDevice(station, id, "outlet", st, st is "idle" or "on", outlet, tsMs);
            if (st != "locked")
            {
                Alarms.Clear(station, AlarmCodes.SafetyTrip, id, tsMs);
            }
        }

        if (root.TryGetProperty("hvac", out var hvac))
        {
            foreach (var relay in hvac.EnumerateArray())
            {
                var id = relay.GetProperty("id").GetString()!;
                UpsertDevice(station, id, "hvac", relay.GetProperty("on").GetBoolean() ? "on" : "off", true, relay, tsMs);
            }
        }
    }

    static readonly (string Code, string Word)[] DispenserAlarms = [(AlarmCodes.DispenserDry, "dry"), (AlarmCodes.DispenserLeak, "leak")];

    void ApplyEvent(StationStateRow state, ValidatedMessage message, long tsMs)
    {
        var root = message.Root;
        var station = message.StationId;
        var dev = root.TryGetProperty("dev", out var d) ? d.GetString() ?? "" : "";
        switch (message.EventType)
        {
            case "safety.trip":
                Alarms.Raise(station, AlarmCodes.SafetyTrip, dev, "crit", "gateway",
                    root.GetProperty("reason").GetString() + " " + root.GetProperty("val").GetRawText() + (root.GetProperty("lock").GetBoolean() ? " (locked out)" : ""), tsMs);
                break;
            case "lockout.reset":
                Alarms.Clear(station, AlarmCodes.SafetyTrip, dev, tsMs);
                Alarms.Clear(station, "outlet.lockout", dev, tsMs);
                break;
            case "alarm.raise":
                var code = root.GetProperty("code").GetString()!;
                var detail = root.TryGetProperty("val", out var val) ? "value " + val.GetRawText() : null;
                Alarms.Raise(station, code, dev, root.GetProperty("sev").GetString()!, "station", detail, tsMs);
                break;
            case "alarm.clear":
                Alarms.Clear(station, root.GetProperty("code").GetString()!, dev, tsMs);
                break;
            case "boot":
                state.FirmwareVersion = root.GetProperty("fw").GetString();
                state.SafeMode = root.GetProperty("safe").GetBoolean() ? 1 : 0;
                break;
            case "config.applied":
                state.ConfigHash = root.GetProperty("cfg").GetString();
                break;
        }
    }

    /// <summary>
    /// Sets one device's state from the newest telemetry; returns since when it has had its current status (UTC ms).
    /// The row is written only when something but the time changed, so `updated_at_ms` is the time of the telemetry that
    /// last changed it (the station's `last_telemetry_ts_ms` says when it was last confirmed).
    /// </summary>
    long UpsertDevice(string stationId, string deviceId, string kind, string status, bool healthy, JsonElement detail, long tsMs)
    {
        var detailJson = detail.GetRawText();
        var healthyValue = healthy ? 1L : 0L;
        var devices = Views[stationId].Devices;
        if (!devices.TryGetValue(deviceId, out var device))
        {
            device = new DeviceStatus { StationId = stationId, DeviceId = deviceId, Kind = kind, Status = status, Healthy = healthyValue, DetailJson = detailJson, StatusSinceMs = tsMs, UpdatedAtMs = tsMs };
            devices[deviceId] = device;
            MarkChanged(device);
            return tsMs;
        }

        if (device.Kind == kind && device.Status == status && device.Healthy == healthyValue && device.DetailJson == detailJson)
        {
            return device.StatusSinceMs;
        }

        if (device.Status != status)
        {
            device.StatusSinceMs = tsMs;
        }

        device.Kind = kind;
        device.Status = status;
        device.Healthy = healthyValue;
        device.DetailJson = detailJson;
        device.UpdatedAtMs = tsMs;
        MarkChanged(device);
        return device.StatusSinceMs;
    }

    void MarkChanged(DeviceStatus device)
    {
        if (changedDeviceSet.Add(device))
        {
            changedDevices.Add(device);
        }
    }
}

/// <summary>A `station_state` row as the projection reads and writes it.</summary>
public sealed class StationStateRow
{
    /// <summary>Station id.</summary>
    public string StationId { get; set; } = "";

    /// <summary>1 online, 0 offline.</summary>
    public long Online { get; set; }

    /// <summary>Current boot id (from the birth status).</summary>
    public string? Boot { get; set; }

    /// <summary>Firmware version.</summary>
    public string? FirmwareVersion { get; set; }

    /// <summary>Applied configuration hash.</summary>
    public string? ConfigHash { get; set; }

    /// <summary>1 in safe mode.</summary>
    public long SafeMode { get; set; }

    /// <summary>Telemetry period, seconds.</summary>
    public long TelemetryPeriodS { get; set; } = 60;

    /// <summary>1 when the newest telemetry says open.</summary>
    public long IsOpen { get; set; }

    /// <summary>Receive time of the newest message, UTC ms.</summary>
    public long LastSeenMs { get; set; }

    /// <summary>Receive time of the newest status, UTC ms.</summary>
    public long LastStatusMs { get; set; }

    /// <summary>Time of the newest applied telemetry, UTC ms.</summary>
    public long LastTelemetryTsMs { get; set; }

    /// <summary>`will` or `timeout` while offline.</summary>
    public string? OfflineReason { get; set; }

    /// <summary>Bumped by every write of the station's projected state (see <see cref="StateProjector"/>).</summary>
    public long Version { get; set; }
}
