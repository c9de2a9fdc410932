-- A counter every writer of a station's projected state (station_state, device_state, active alarms) bumps in the same
-- transaction, so a gateway process can keep that state in memory between batches and reload only what changed.
ALTER TABLE station_state ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
