-- Saved station configs (PostgreSQL): every version kept with who saved it, when, and the hash the station will report.
-- The current config stays in stations.config_json; this table is its history.
CREATE TABLE station_config_versions (
    version_id BIGSERIAL PRIMARY KEY,
    station_id TEXT NOT NULL,
    config_json TEXT NOT NULL,
    config_hash TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    saved_at_ms BIGINT NOT NULL
);
CREATE INDEX ix_station_config_versions_station ON station_config_versions (station_id, version_id);
