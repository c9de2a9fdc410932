-- Station profiles (PostgreSQL): what telemetry cannot see, set by administrators and fed to the rating engine's
-- profile gates (5 stars needs area, seats, an AED and a special service). services is a comma-separated list of
-- service codes from Stations.Ratings.Inputs.StationServices (e.g. microwave,firstAidKit,legalAid).
CREATE TABLE station_profiles (
    station_id TEXT PRIMARY KEY,
    area_square_metres DOUBLE PRECISION NOT NULL DEFAULT 0,
    seats BIGINT NOT NULL DEFAULT 0,
    has_aed BIGINT NOT NULL DEFAULT 0,
    services TEXT NOT NULL DEFAULT '',
    updated_by TEXT NOT NULL,
    updated_at_ms BIGINT NOT NULL
);
