-- Stations gateway schema v1 (SQLite). Times are UTC Unix milliseconds; booleans are 0/1 integers.
CREATE TABLE stations (
    station_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    schedule_open_minute INTEGER NOT NULL,
    schedule_close_minute INTEGER NOT NULL,
    config_json TEXT,
    created_at_ms INTEGER NOT NULL
);

CREATE TABLE messages (
    station_id TEXT NOT NULL,
    boot TEXT NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    event_type TEXT,
    up_ms INTEGER NOT NULL,
    ts_ms INTEGER NOT NULL,
    ts_estimated INTEGER NOT NULL,
    received_at_ms INTEGER NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (station_id, boot, seq)
);
CREATE INDEX ix_messages_station_ts ON messages (station_id, ts_ms);
CREATE INDEX ix_messages_received ON messages (received_at_ms);

CREATE TABLE dead_letters (
    id INTEGER PRIMARY KEY,
    station_id TEXT,
    topic TEXT NOT NULL,
    reason TEXT NOT NULL,
    boot TEXT,
    seq INTEGER,
    received_at_ms INTEGER NOT NULL,
    payload BLOB NOT NULL
);
CREATE INDEX ix_dead_letters_envelope ON dead_letters (station_id, boot, seq);
CREATE INDEX ix_dead_letters_received ON dead_letters (received_at_ms);

CREATE TABLE dropped_ranges (
    station_id TEXT NOT NULL,
    lost_boot TEXT NOT NULL,
    from_seq INTEGER NOT NULL,
    to_seq INTEGER NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (station_id, lost_boot, from_seq, to_seq)
);

CREATE TABLE boot_acks (
    station_id TEXT NOT NULL,
    boot TEXT NOT NULL,
    acked_seq INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL,
    PRIMARY KEY (station_id, boot)
);

CREATE TABLE station_state (
    station_id TEXT PRIMARY KEY,
    online INTEGER NOT NULL,
    boot TEXT,
    firmware_version TEXT,
    config_hash TEXT,
    safe_mode INTEGER NOT NULL DEFAULT 0,
    telemetry_period_s INTEGER NOT NULL DEFAULT 60,
    is_open INTEGER NOT NULL DEFAULT 0,
    last_seen_ms INTEGER NOT NULL,
    last_status_ms INTEGER NOT NULL DEFAULT 0,
    last_telemetry_ts_ms INTEGER NOT NULL DEFAULT 0,
    offline_reason TEXT
);

CREATE TABLE device_state (
    station_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    healthy INTEGER NOT NULL,
    detail_json TEXT NOT NULL,
    status_since_ms INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL,
    PRIMARY KEY (station_id, device_id)
);

CREATE TABLE alarms (
    id INTEGER PRIMARY KEY,
    station_id TEXT NOT NULL,
    code TEXT NOT NULL,
    device_id TEXT NOT NULL,
    severity TEXT NOT NULL,
    source TEXT NOT NULL,
    detail TEXT,
    raised_at_ms INTEGER NOT NULL,
    last_seen_ms INTEGER NOT NULL,
    occurrences INTEGER NOT NULL,
    acknowledged_by TEXT,
    acknowledged_at_ms INTEGER,
    ack_note TEXT,
    cleared_at_ms INTEGER
);
CREATE UNIQUE INDEX ux_alarms_active ON alarms (station_id, code, device_id) WHERE cleared_at_ms IS NULL;
CREATE INDEX ix_alarms_station ON alarms (station_id, raised_at_ms);

CREATE TABLE commands (
    station_id TEXT NOT NULL,
    command_id TEXT NOT NULL,
    name TEXT NOT NULL,
    args_json TEXT,
    expires_at_ms INTEGER NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at_ms INTEGER NOT NULL,
    state TEXT NOT NULL,
    result_ok INTEGER,
    result_code TEXT,
    result_detail TEXT,
    result_data_json TEXT,
    result_at_ms INTEGER,
    PRIMARY KEY (station_id, command_id)
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    station_id TEXT,
    detail TEXT
);

CREATE TABLE rollup_dirty (
    station_id TEXT NOT NULL,
    local_date TEXT NOT NULL,
    marked_at_ms INTEGER NOT NULL,
    PRIMARY KEY (station_id, local_date)
);

CREATE TABLE rollups_hourly (
    station_id TEXT NOT NULL,
    local_date TEXT NOT NULL,
    hour INTEGER NOT NULL,
    visits INTEGER NOT NULL,
    litres DOUBLE PRECISION NOT NULL,
    charging_sessions INTEGER NOT NULL,
    charging_wh DOUBLE PRECISION NOT NULL,
    open_minutes DOUBLE PRECISION NOT NULL,
    scheduled_minutes DOUBLE PRECISION NOT NULL,
    comfort_minutes DOUBLE PRECISION NOT NULL,
    hot_minutes DOUBLE PRECISION NOT NULL,
    cold_minutes DOUBLE PRECISION NOT NULL,
    telemetry_received INTEGER NOT NULL,
    telemetry_expected INTEGER NOT NULL,
    safety_trips INTEGER NOT NULL,
    PRIMARY KEY (station_id, local_date, hour)
);

CREATE TABLE rollups_daily (
    station_id TEXT NOT NULL,
    local_date TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    visits INTEGER NOT NULL,
    litres DOUBLE PRECISION NOT NULL,
    charging_sessions INTEGER NOT NULL,
    charging_wh DOUBLE PRECISION NOT NULL,
    open_minutes DOUBLE PRECISION NOT NULL,
    scheduled_minutes DOUBLE PRECISION NOT NULL,
    open_in_schedule_minutes DOUBLE PRECISION NOT NULL,
    opened_on_time INTEGER,
    dispenser_available_minutes DOUBLE PRECISION NOT NULL,
    outlets_available_minutes DOUBLE PRECISION NOT NULL,
    climate_available_minutes DOUBLE PRECISION NOT NULL,
    expected_device_minutes DOUBLE PRECISION NOT NULL,
    comfort_minutes DOUBLE PRECISION NOT NULL,
    hot_minutes DOUBLE PRECISION NOT NULL,
    cold_minutes DOUBLE PRECISION NOT NULL,
    telemetry_received INTEGER NOT NULL,
    telemetry_expected INTEGER NOT NULL,
    safety_trips INTEGER NOT NULL,
    computed_at_ms INTEGER NOT NULL,
    PRIMARY KEY (station_id, local_date)
);
