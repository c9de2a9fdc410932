-- Web UI schema (SQLite): regions and union offices, users and roles, manager station assignments, API tokens,
-- report schedules. Numbered 100+ so the web feature's migrations never collide with the core schema's.
CREATE TABLE regions (
    region_id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES regions (region_id),
    name TEXT NOT NULL,
    union_office TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL
);
CREATE INDEX ix_regions_parent ON regions (parent_id);

CREATE TABLE station_regions (
    station_id TEXT PRIMARY KEY,
    region_id INTEGER NOT NULL REFERENCES regions (region_id),
    address TEXT
);
CREATE INDEX ix_station_regions_region ON station_regions (region_id);

CREATE TABLE users (
    user_id INTEGER PRIMARY KEY,
    user_name TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    region_id INTEGER REFERENCES regions (region_id),
    password_hash TEXT NOT NULL,
    failed_count INTEGER NOT NULL DEFAULT 0,
    lockout_until_ms INTEGER NOT NULL DEFAULT 0,
    enabled INTEGER NOT NULL DEFAULT 1,
    created_at_ms INTEGER NOT NULL
);

CREATE TABLE user_stations (
    user_id INTEGER NOT NULL REFERENCES users (user_id),
    station_id TEXT NOT NULL,
    PRIMARY KEY (user_id, station_id)
);

CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (user_id),
    name TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL
);

CREATE TABLE report_schedules (
    schedule_id INTEGER PRIMARY KEY,
    region_id INTEGER NOT NULL REFERENCES regions (region_id),
    format TEXT NOT NULL,
    cron TEXT NOT NULL,
    recipients TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL
);
